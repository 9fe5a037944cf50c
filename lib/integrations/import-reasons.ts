import { isAppError, type ErrorCode } from "@/lib/errors";
import { isFhirError } from "@/lib/ehr/fhir-client";
import { isPacsError } from "@/lib/pacs/dicomweb-client";

// Why a study did not import, as a code the UI translates: the errors catalogue's codes, plus the
// few that only imports have (pacs.importReasons in the catalogue).
type ImportOnlyReason = "NO_IMAGE_INSTANCES" | "EHR_UNREACHABLE" | "EHR_HTTP_ERROR" | "EHR_BAD_RESPONSE" | "EHR_AUTH_FAILED" | "INFERENCE_FAILED" | "WORKER_INTERRUPTED";
export type ImportReason = ErrorCode | ImportOnlyReason;

export class ImportFailure extends Error {
  constructor(
    readonly reason: ImportReason,
    readonly params?: Record<string, string | number>,
  ) {
    super(reason);
    this.name = "ImportFailure";
  }
}

// Worth another attempt later: the other side may come back. Everything else fails at once.
const transientReasons = new Set<ImportReason>(["PACS_UNREACHABLE", "PACS_TIMEOUT", "PACS_HTTP_ERROR", "EHR_UNREACHABLE", "EHR_HTTP_ERROR", "INTERNAL"]);

export function describeImportError(error: unknown): { reason: ImportReason; params?: Record<string, string | number>; transient: boolean } {
  let reason: ImportReason = "INTERNAL";
  let params: Record<string, string | number> | undefined;
  if (error instanceof ImportFailure) ({ reason, params } = error);
  else if (isAppError(error)) ({ code: reason, params } = error);
  else if (isPacsError(error)) reason = error.code;
  else if (isFhirError(error)) reason = error.code;
  return { reason, params, transient: transientReasons.has(reason) };
}
