import { z } from "zod";

const blankToUndefined = (value: unknown) => (typeof value === "string" && value.trim() === "" ? undefined : value);
const optionalFilter = (max: number) => z.preprocess(blankToUndefined, z.string().trim().max(max).optional());
const optionalDate = z.preprocess(blankToUndefined, z.iso.date().optional());

/** Audit search filters as they arrive in the URL (so a search can be bookmarked and exported as CSV). */
export const auditSearchSchema = z.object({
  actorId: optionalFilter(64),
  /** Exact action, or a prefix when it ends with "." (e.g. "checklist."). */
  action: optionalFilter(80),
  entityType: optionalFilter(40),
  entityId: optionalFilter(64),
  /** Everything about one PoC: the PoC's own events and those whose details name it (checklist work). */
  pocId: optionalFilter(64),
  outcome: z.preprocess(blankToUndefined, z.enum(["SUCCESS", "FAILURE", "DENIED"]).optional()),
  /** Inclusive calendar days in Japan time. */
  from: optionalDate,
  to: optionalDate,
  page: z.preprocess(blankToUndefined, z.coerce.number().int().min(1).max(100_000).default(1)),
});
export type AuditSearch = z.infer<typeof auditSearchSchema>;

export const accessReviewSchema = z.object({
  actorId: optionalFilter(64),
  caseId: optionalFilter(64),
  from: optionalDate,
  to: optionalDate,
});
export type AccessReviewFilter = z.infer<typeof accessReviewSchema>;

/** A chain head saved earlier (the exported JSON file); extra fields such as exportedAt are ignored. */
export const savedChainHeadSchema = z.object({
  seq: z.number().int().positive(),
  hash: z.string().regex(/^[0-9a-f]{64}$/),
});
export type SavedChainHead = z.infer<typeof savedChainHeadSchema>;

export const checkChainHeadSchema = z.strictObject({ headJson: z.string().min(2).max(10_000) });
