/** @public The catalogue its type is derived from. */
export const inferenceErrorCodes = [
  "NOT_DICOM",
  "UNSUPPORTED_TRANSFER_SYNTAX",
  "UNSUPPORTED_PIXEL_FORMAT",
  "CORRUPT_IMAGE",
  "IMAGE_TOO_LARGE",
  "NOT_AN_IMAGE",
  "LAB_OUT_OF_RANGE",
  "LAB_MISSING",
  "NO_INPUT",
  "MANIFEST_INVALID",
  "MODEL_LOAD_FAILED",
  "MODEL_MISMATCH",
  "RUN_FAILED",
] as const;

export type InferenceErrorCode = (typeof inferenceErrorCodes)[number];

/**
 * The one error type of lib/inference. `code` selects the translated message in the UI; `details`
 * carries only technical facts (tag names, lab keys, tensor names) and never patient data.
 */
export class InferenceError extends Error {
  readonly code: InferenceErrorCode;
  readonly details: Record<string, unknown>;

  constructor(code: InferenceErrorCode, details: Record<string, unknown> = {}, options?: { cause?: unknown }) {
    super(code, options);
    this.name = "InferenceError";
    this.code = code;
    this.details = details;
  }
}

export function isInferenceError(error: unknown, code?: InferenceErrorCode): error is InferenceError {
  return error instanceof InferenceError && (code === undefined || error.code === code);
}
