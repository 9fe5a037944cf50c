import { csvCell } from "@/lib/csv/csv";
import type { AuditEvent } from "@/lib/db/generated/client";

export const auditCsvHeader = ["seq", "at", "actorId", "actorEmail", "actorRole", "action", "entityType", "entityId", "outcome", "details", "requestId", "hash"];

export function auditCsvLine(event: AuditEvent, actorEmail: string | null): string {
  return [
    event.seq,
    event.at.toISOString(),
    event.actorId,
    actorEmail,
    event.actorRole,
    event.action,
    event.entityType,
    event.entityId,
    event.outcome,
    event.details === null ? null : JSON.stringify(event.details),
    event.requestId,
    event.hash,
  ]
    .map(csvCell)
    .join(",");
}
