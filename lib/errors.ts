// One typed error for the whole app. The code is a key in the "errors" message catalogue, so users
// always see a translated message and never a raw exception.
export const errorCodes = [
  "UNAUTHENTICATED",
  "FORBIDDEN",
  "NOT_FOUND",
  "INVALID_INPUT",
  "CONFLICT",
  "INVALID_CREDENTIALS",
  "SECOND_FACTOR_REQUIRED",
  "SECOND_FACTOR_ENROLMENT_REQUIRED",
  "TOTP_CODE_INVALID",
  "TOTP_ALREADY_ENABLED",
  "TOTP_ENROLMENT_NOT_STARTED",
  "EMAIL_TAKEN",
  "SITE_CODE_TAKEN",
  "CANNOT_CHANGE_SELF",
  "POC_NOT_RUNNING",
  "READ_ALREADY_CLOSED",
  "READ_IN_WASHOUT",
  "READ_NOT_STARTED",
  "READ_TIMING_IMPLAUSIBLE",
  "READ_FIRST_CALL_REQUIRED",
  "UPLOAD_TOO_LARGE",
  "MODEL_TOO_LARGE",
  "MODEL_NOT_ONNX",
  "MODEL_MANIFEST_INVALID",
  "MODEL_MISMATCH",
  "MODEL_ALREADY_REGISTERED",
  "MODEL_VERSION_EXISTS",
  "MODEL_IN_USE",
  "LAB_MISSING",
  "LAB_OUT_OF_RANGE",
  "LAB_UNKNOWN",
  "CASE_NO_IMAGE",
  "TOO_MANY_FILES",
  "FILE_TOO_LARGE",
  "FILE_TYPE_NOT_SUPPORTED",
  "FILE_UNREADABLE",
  "IMAGE_FORMAT_UNSUPPORTED",
  "IMAGE_TOO_LARGE",
  "SERVER_BUSY",
  "BURNED_IN_CONFIRMATION_REQUIRED",
  "AI_OUTPUT_BLINDED",
  "POC_TRANSITION_NOT_ALLOWED",
  "POC_PRE_START_INCOMPLETE",
  "POC_PRE_DECISION_INCOMPLETE",
  "SIGN_OFF_PASSWORD_INVALID",
  "SIGN_OFF_TOO_MANY_ATTEMPTS",
  "CHECKLIST_ITEM_SIGNED",
  "CHECKLIST_OWNER_INVALID",
  "CHECKLIST_EVIDENCE_REQUIRED",
  "SIGN_OFF_SECOND_SIGNER_REQUIRED",
  "EVIDENCE_TOO_LARGE",
  "EVIDENCE_TYPE_NOT_ALLOWED",
  "EVIDENCE_EMPTY",
  "MODEL_NOT_AVAILABLE",
  "AUDIT_CHAIN_BROKEN",
  "INTERNAL",
  "CURRENT_PASSWORD_INVALID",
  "NEW_PASSWORD_REJECTED",
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
