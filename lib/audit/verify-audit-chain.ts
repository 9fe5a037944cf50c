import type { Db } from "@/lib/db/client";
import type { AuditEvent } from "@/lib/db/generated/client";
import { findChainBreak, type ChainBreak } from "@/lib/audit/hash-chain";

type ChainHead = { seq: number; hash: string };
export type ChainVerification = { rowsChecked: number; head: ChainHead | null; firstBreak: ChainBreak | null };

const pageSize = 5000;

/** Walks the whole chain in pages (constant memory) and names the first row that does not fit. */
export async function verifyAuditChain(db: Db, onProgress?: (rowsChecked: number) => void): Promise<ChainVerification> {
  let previous: ChainHead | null = null;
  let rowsChecked = 0;
  for (;;) {
    const rows: AuditEvent[] = await db.auditEvent.findMany({ where: { seq: { gt: previous?.seq ?? 0 } }, orderBy: { seq: "asc" }, take: pageSize });
    if (rows.length === 0) return { rowsChecked, head: previous, firstBreak: null };
    const firstBreak = findChainBreak(rows, previous);
    if (firstBreak) return { rowsChecked: rowsChecked + rows.findIndex((row) => row.seq === firstBreak.seq), head: previous, firstBreak };
    rowsChecked += rows.length;
    const last = rows[rows.length - 1]!;
    previous = { seq: last.seq, hash: last.hash };
    onProgress?.(rowsChecked);
  }
}
