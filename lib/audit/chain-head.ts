import type { Db } from "@/lib/db/client";
import type { SavedChainHead } from "@/lib/audit/schema";
import { auditScope, type SiteReach } from "@/lib/auth/site-scope";
import { verifyAuditChain, type ChainVerification } from "@/lib/audit/verify-audit-chain";

export const chainHeadFormat = "mmfm-portal-audit-chain-head/v1";

/**
 * The latest row of a verified chain that the viewer may see (their sites' latest; admins: the
 * chain's), to be kept outside the database (a mail, a ticket, paper): its hash covers every row
 * before it, so if someone later rewrites and re-hashes the chain up to it, the saved head no longer
 * matches.
 */
export async function exportChainHead(db: Db, viewer: SiteReach, now = new Date()) {
  const verification = await verifyAuditChain(db);
  if (verification.firstBreak || !verification.head) return { verification, head: null };
  const row = await db.auditEvent.findFirst({ where: { AND: [auditScope(viewer), { seq: { lte: verification.head.seq } }] }, orderBy: { seq: "desc" }, select: { seq: true, hash: true, at: true } });
  if (!row) return { verification, head: null };
  return { verification, head: { format: chainHeadFormat, seq: row.seq, hash: row.hash, at: row.at.toISOString(), exportedAt: now.toISOString() } };
}

export type ChainHeadCheck = { result: "matches" | "altered" | "missing"; verification: ChainVerification };

/** Is a saved head still in the chain, unchanged, and does the chain up to it (and beyond) verify? */
export async function checkChainHead(db: Db, viewer: SiteReach, saved: SavedChainHead): Promise<ChainHeadCheck> {
  // A row outside the viewer's sites is "missing" to them: the check tells nothing about other sites' rows.
  const [row, verification] = await Promise.all([db.auditEvent.findFirst({ where: { AND: [auditScope(viewer), { seq: saved.seq }] }, select: { hash: true } }), verifyAuditChain(db)]);
  if (!row) return { result: "missing", verification };
  return { result: row.hash === saved.hash ? "matches" : "altered", verification };
}

/** The chain's state as the audit page shows it: the whole chain verified, the head within the viewer's sites. */
export async function auditChainStatus(db: Db, viewer: SiteReach) {
  const { verification, head } = await exportChainHead(db, viewer);
  return { rowsChecked: verification.rowsChecked, firstBreak: verification.firstBreak, head: head && { seq: head.seq, hash: head.hash } };
}
