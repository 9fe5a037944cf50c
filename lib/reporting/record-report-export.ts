import "server-only";
import { actorFields, recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { Actor } from "@/lib/auth/site-scope";
import type { Db } from "@/lib/db/client";

/** A board export (PDF or deck) of one PoC leaves the portal: audited once it is built. */
export async function recordReportExport(db: Db, viewer: Actor, action: "report.export_pdf" | "report.export_pptx", pocId: string): Promise<void> {
  await db.$transaction((tx) => recordAuditEvent(tx, { ...actorFields(viewer), action, entityType: "Poc", entityId: pocId }));
}
