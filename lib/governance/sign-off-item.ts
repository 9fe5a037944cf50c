import "server-only";
import { actorFields, recordAuditEvent, type AuditActor } from "@/lib/audit/record-audit-event";
import { verifyPassword } from "@/lib/auth/password";
import type { Db, Tx } from "@/lib/db/client";
import type { ChecklistStatus } from "@/lib/db/generated/enums";
import { AppError } from "@/lib/errors";
import { findChecklistItemInScope, lockChecklistItemInScope } from "@/lib/governance/find-checklist-item";
import type { SignOffItemInput } from "@/lib/governance/schema";
import type { ScopedActor } from "@/lib/governance/scoped-actor";

// A stolen session must not become a password oracle: a few wrong confirmations pause signing.
const maxFailedConfirmations = 5;
const failedConfirmationWindowMs = 15 * 60 * 1000;

/**
 * A compliance officer's signature on an item: the password is confirmed again at this moment, the
 * new SignOff supersedes the previous one (never edited), and the item's status follows it.
 */
export async function signOffItem(db: Db, actor: ScopedActor, input: SignOffItemInput, now = new Date()) {
  const item = await db.$transaction((tx) => findChecklistItemInScope(tx, actor, input.itemId));
  const recentFailures = await db.auditEvent.count({
    where: { actorId: actor.id, action: "checklist.sign_off", outcome: "DENIED", at: { gte: new Date(now.getTime() - failedConfirmationWindowMs) } },
  });
  if (recentFailures >= maxFailedConfirmations) throw new AppError("SIGN_OFF_TOO_MANY_ATTEMPTS");

  const signer = await db.user.findUnique({ where: { id: actor.id }, omit: { passwordHash: false } });
  const confirmed = Boolean(signer && !signer.disabled && input.password && (await verifyPassword(input.password, signer.passwordHash)));
  if (!confirmed) {
    await db.$transaction((tx) =>
      recordAuditEvent(tx, { ...actorFields(actor), action: "checklist.sign_off", entityType: "ChecklistItem", entityId: item.id, outcome: "DENIED", details: { pocId: item.pocId, reason: "password_not_confirmed" } }),
    );
    throw new AppError("SIGN_OFF_PASSWORD_INVALID");
  }

  return db.$transaction(async (tx) => {
    const locked = await lockChecklistItemInScope(tx, actor, input.itemId);
    return appendSignOff(tx, actor, locked, { status: input.status, statement: input.statement, naReason: input.naReason });
  });
}

/**
 * Appends a sign-off to the item's chain inside the caller's transaction (the caller has confirmed
 * the signer and locked the item). Also used by the demo seed, which has no password to confirm.
 */
export async function appendSignOff(
  tx: Tx,
  actor: AuditActor,
  item: { id: string; pocId: string },
  signature: { status: Extract<ChecklistStatus, "APPROVED" | "NOT_APPLICABLE" | "OPEN">; statement: string; naReason?: string; details?: Record<string, unknown> },
) {
  if (signature.status === "NOT_APPLICABLE" && !signature.naReason?.trim()) throw new AppError("INVALID_INPUT");
  const latest = await tx.signOff.findFirst({ where: { itemId: item.id, supersededBy: { is: null } }, select: { id: true } });
  const signOff = await tx.signOff.create({
    data: { itemId: item.id, signerId: actor.id, status: signature.status, statement: signature.statement, supersedesId: latest?.id ?? null },
  });
  await tx.checklistItem.update({
    where: { id: item.id },
    data: { status: signature.status, naReason: signature.status === "NOT_APPLICABLE" ? signature.naReason!.trim() : null },
  });
  await recordAuditEvent(tx, {
    ...actorFields(actor),
    action: "checklist.sign_off",
    entityType: "ChecklistItem",
    entityId: item.id,
    details: { pocId: item.pocId, signOffId: signOff.id, status: signature.status, supersedesId: latest?.id ?? null, ...signature.details },
  });
  return { id: signOff.id, supersedesId: latest?.id ?? null };
}
