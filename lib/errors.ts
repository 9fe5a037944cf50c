// One typed error for the whole app. The code is a key in the "errors" message catalogue, so users
// always see a translated message and never a raw exception.
export const errorCodes = [
  "UNAUTHENTICATED",
  "FORBIDDEN",
  "NOT_FOUND",
  "INVALID_INPUT",
  "CONFLICT",
  "INVALID_CREDENTIALS",
  "EMAIL_TAKEN",
  "SITE_CODE_TAKEN",
  "CANNOT_CHANGE_SELF",
  "POC_NOT_RUNNING",
  "READ_ALREADY_CLOSED",
  "READ_IN_WASHOUT",
  "READ_NOT_STARTED",
  "READ_TIMING_IMPLAUSIBLE",
  "READ_FIRST_CALL_REQUIRED",
  "INTERNAL",
] as const;

export type ErrorCode = (typeof errorCodes)[number];

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    /** Safe-to-show values interpolated into the catalogue message; never patient data. */
    readonly params?: Record<string, string | number>,
  ) {
    super(code);
    this.name = "AppError";
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}
