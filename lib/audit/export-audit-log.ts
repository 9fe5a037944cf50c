import "server-only";
import { auditCsvHeader, auditCsvLine } from "@/lib/audit/audit-csv";
import { exportChainHead } from "@/lib/audit/chain-head";
import { actorFields, recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { AuditSearch } from "@/lib/audit/schema";
import { actorDirectory, iterateAuditEvents } from "@/lib/audit/search-audit-events";
import type { Actor } from "@/lib/auth/site-scope";
import type { Db } from "@/lib/db/client";
import type { AuditEvent } from "@/lib/db/generated/client";
import { AppError } from "@/lib/errors";

/**
 * The audit search as CSV chunks (same filters as the page, within the viewer's sites), a batch at a
 * time. The export itself is audited before the first chunk.
 */
export async function exportAuditCsv(db: Db, viewer: Actor, search: Omit<AuditSearch, "page">): Promise<() => AsyncIterable<string>> {
  await db.$transaction((tx) => recordAuditEvent(tx, { ...actorFields(viewer), action: "audit.export_csv", details: { filters: search } }));
  return async function* chunks() {
    // A byte-order mark lets spreadsheet software read the UTF-8 (Japanese names) correctly.
    yield `\uFEFF${auditCsvHeader.join(",")}\r\n`;
    let batch: AuditEvent[] = [];
    // Looks up the batch's actors once, then writes its lines.
    const lines = async () => {
      const actors = await actorDirectory(db, batch.map((event) => event.actorId));
      const text = batch.map((event) => `${auditCsvLine(event, event.actorId ? (actors.get(event.actorId)?.email ?? null) : null)}\r\n`).join("");
      batch = [];
      return text;
    };
    for await (const event of iterateAuditEvents(db, viewer, search)) {
      batch.push(event);
      if (batch.length >= 2000) yield await lines();
    }
    if (batch.length > 0) yield await lines();
  };
}

/** The chain head the viewer may keep (their sites' latest verified row; admins: the chain's); the export is audited. */
export async function downloadChainHead(db: Db, viewer: Actor) {
  const { head, verification } = await exportChainHead(db, viewer);
  if (!head) throw new AppError("AUDIT_CHAIN_BROKEN", { seq: verification.firstBreak?.seq ?? 0 });
  // The export is recorded after the head it names: the next row links to it, so the saved head stays in the chain.
  await db.$transaction((tx) => recordAuditEvent(tx, { ...actorFields(viewer), action: "audit.export_head", details: { seq: head.seq } }));
  return head;
}
