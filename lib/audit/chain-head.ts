import type { Db } from "@/lib/db/client";
import type { SavedChainHead } from "@/lib/audit/schema";
import { verifyAuditChain, type ChainVerification } from "@/lib/audit/verify-audit-chain";

export const chainHeadFormat = "mmfm-portal-audit-chain-head/v1";

/**
 * The latest row of a verified chain, to be kept outside the database (a mail, a ticket, paper):
 * if someone later rewrites and re-hashes the whole chain, the saved head no longer matches.
 */
export async function exportChainHead(db: Db, now = new Date()) {
  const verification = await verifyAuditChain(db);
  if (verification.firstBreak || !verification.head) return { verification, head: null };
  const row = await db.auditEvent.findUniqueOrThrow({ where: { seq: verification.head.seq }, select: { at: true } });
  return { verification, head: { format: chainHeadFormat, seq: verification.head.seq, hash: verification.head.hash, at: row.at.toISOString(), exportedAt: now.toISOString() } };
}

export type ChainHeadCheck = { result: "matches" | "altered" | "missing"; verification: ChainVerification };

/** Is a saved head still in the chain, unchanged, and does the chain up to it (and beyond) verify? */
export async function checkChainHead(db: Db, saved: SavedChainHead): Promise<ChainHeadCheck> {
  const [row, verification] = await Promise.all([db.auditEvent.findUnique({ where: { seq: saved.seq }, select: { hash: true } }), verifyAuditChain(db)]);
  if (!row) return { result: "missing", verification };
  return { result: row.hash === saved.hash ? "matches" : "altered", verification };
}
