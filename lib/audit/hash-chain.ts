import { createHash } from "node:crypto";

// A tamper-evident chain: each audit row's hash covers its own fields and the previous row's hash,
// so an edited, removed or reordered row breaks every link after it.
export const genesisHash = "0".repeat(64);

export type ChainedAuditFields = {
  seq: number;
  at: Date;
  actorId: string | null;
  actorRole: string | null;
  action: string;
  entityType: string | null;
  entityId: string | null;
  outcome: string;
  details: unknown;
  requestId: string | null;
  prevHash: string;
  /** Version 2 and later hash the site too; version 1 rows predate it (their site was back-filled). */
  hashVersion?: number;
  siteId?: string | null;
};

/** The version every new row is written with. */
export const currentAuditHashVersion = 2;

/** JSON with object keys sorted at every level, so jsonb's key reordering cannot change a hash. */
export function canonicalJson(value: unknown): string {
  if (value === null || value === undefined) return "null";
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

export function auditRowHash(row: ChainedAuditFields): string {
  // Only the chained fields: a stored row also carries its own hash.
  const { seq, at, actorId, actorRole, action, entityType, entityId, outcome, details, requestId, prevHash } = row;
  const base = { seq, at, actorId, actorRole, action, entityType, entityId, outcome, details, requestId, prevHash };
  // The version is hashed with the site, so switching a row between versions breaks its hash as well.
  const fields = (row.hashVersion ?? 1) >= 2 ? { ...base, siteId: row.siteId ?? null, hashVersion: row.hashVersion } : base;
  return createHash("sha256").update(canonicalJson(fields)).digest("hex");
}

export type ChainBreak = { seq: number; problem: "altered" | "broken-link" | "gap" | "reordered" };

/**
 * Checks rows given in seq order, starting after `previous` (genesis when null); returns the first
 * row that does not fit the chain.
 */
export function findChainBreak(
  rows: Iterable<ChainedAuditFields & { hash: string }>,
  previous: { seq: number; hash: string } | null = null,
): ChainBreak | null {
  let expectedSeq = (previous?.seq ?? 0) + 1;
  let expectedPrev = previous?.hash ?? genesisHash;
  for (const row of rows) {
    if (row.seq < expectedSeq) return { seq: row.seq, problem: "reordered" };
    if (row.prevHash !== expectedPrev) return { seq: row.seq, problem: row.seq > expectedSeq ? "gap" : "broken-link" };
    if (auditRowHash(row) !== row.hash) return { seq: row.seq, problem: row.seq > expectedSeq ? "gap" : "altered" };
    if (row.seq > expectedSeq) return { seq: row.seq, problem: "gap" };
    expectedSeq = row.seq + 1;
    expectedPrev = row.hash;
  }
  return null;
}
