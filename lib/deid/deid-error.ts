/** @public The catalogue its type is derived from. */
export const deidErrorCodes = [
  "NOT_SUPPORTED",
  "FILE_KIND_MISMATCH",
  "NOT_DICOM",
  "DICOM_UNREADABLE",
  "UNSUPPORTED_TRANSFER_SYNTAX",
  "NO_PIXEL_DATA",
  "IMAGE_UNREADABLE",
  "INVALID_OPTIONS",
  "VERIFICATION_FAILED",
  "INTERNAL",
] as const;

export type DeidErrorCode = (typeof deidErrorCodes)[number];

/**
 * The one error type of lib/deid. `details` carries only technical facts (a reason code, a tag
 * number, a byte offset, a transfer syntax UID) and never a value read from the file or the note;
 * the original exception, which may quote file content, is kept as `cause` for server logs only.
 */
export class DeidError extends Error {
  readonly code: DeidErrorCode;
  readonly details: Record<string, string | number | boolean>;

  constructor(code: DeidErrorCode, details: Record<string, string | number | boolean> = {}, options?: { cause?: unknown }) {
    super(code, options);
    this.name = "DeidError";
    this.code = code;
    this.details = details;
  }
}

export function isDeidError(error: unknown, code?: DeidErrorCode): error is DeidError {
  return error instanceof DeidError && (code === undefined || error.code === code);
}
