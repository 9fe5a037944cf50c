import type { AuditEvent } from "@/lib/db/generated/client";

export const auditCsvHeader = ["seq", "at", "actorId", "actorEmail", "actorRole", "action", "entityType", "entityId", "outcome", "details", "requestId", "hash"];

/**
 * One CSV field (RFC 4180 quoting). Cells that a spreadsheet would run as a formula get a leading
 * apostrophe (OWASP "CSV injection").
 */
export function csvField(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return "";
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

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
    .map(csvField)
    .join(",");
}
