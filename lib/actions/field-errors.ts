import type { z } from "zod";

/**
 * Field name → zod issue code, for the client to translate. Only the top-level field is named: deeper
 * path segments can be keys the caller chose (a lab name, a record key), and nothing the caller sent
 * is echoed back. Unknown top-level keys have an empty path and show as "_". A refinement may name its
 * own code in `params.code` (e.g. "control_characters").
 */
export function fieldErrorsFromIssues(issues: readonly z.core.$ZodIssue[]): Record<string, string> {
  const fieldErrors: Record<string, string> = {};
  for (const issue of issues) {
    const field = typeof issue.path[0] === "string" ? issue.path[0] : "_";
    const own = issue.code === "custom" && typeof issue.params?.code === "string" ? issue.params.code : undefined;
    fieldErrors[field] ??= own ?? issue.code;
  }
  return fieldErrors;
}
