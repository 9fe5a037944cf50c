import "server-only";
import type { AuditAction } from "@/lib/audit/audit-actions";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { db } from "@/lib/db/client";

/** A refused call (a role without the permission), audited in its own transaction: nothing else happened. */
export async function recordRouteRefusal(refusal: { actorId: string; actorRole: string; action: AuditAction; requestId: string; permission: string }) {
  await db().$transaction((tx) =>
    recordAuditEvent(tx, { actorId: refusal.actorId, actorRole: refusal.actorRole, action: refusal.action, outcome: "DENIED", requestId: refusal.requestId, details: { permission: refusal.permission } }),
  );
}
