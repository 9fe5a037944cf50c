import "server-only";
import { actorFields, recordAuditEvent, type AuditActor } from "@/lib/audit/record-audit-event";
import { verifyPassword } from "@/lib/auth/password";
import type { Db, Tx } from "@/lib/db/client";
import type { ChecklistStatus } from "@/lib/db/generated/enums";
import { AppError, isAppError, type ErrorCode } from "@/lib/errors";
import { findChecklistItemInScope, lockChecklistItemInScope } from "@/lib/governance/find-checklist-item";
import type { SignOffItemInput } from "@/lib/governance/schema";
import type { Actor } from "@/lib/auth/site-scope";

// A stolen session must not become a password oracle: a few wrong confirmations pause signing.
const maxFailedConfirmations = 5;
const failedConfirmationWindowMs = 15 * 60 * 1000;

/**
 * A compliance officer's signature on an item: the password is confirmed again at this moment, the
 * new SignOff supersedes the previous one (never edited), and the item's status follows it. A
 * signature the item's rules refuse (no evidence, the same officer twice) is audited as DENIED too.
 */
export async function signOffItem(db: Db, actor: Actor, input: SignOffItemInput, now = new Date()) {
  const item = await db.$transaction((tx) => findChecklistItemInScope(tx, actor, input.itemId));
  const recentFailures = await db.auditEvent.count({
    where: {
      actorId: actor.id,
      action: "checklist.sign_off",
      outcome: "DENIED",
      at: { gte: new Date(now.getTime() - failedConfirmationWindowMs) },
      details: { path: ["reason"], equals: passwordNotConfirmed },
    },
  });
  if (recentFailures >= maxFailedConfirmations) throw new AppError("SIGN_OFF_TOO_MANY_ATTEMPTS");

  const signer = await db.user.findUnique({ where: { id: actor.id }, omit: { passwordHash: false } });
  const confirmed = Boolean(signer && !signer.disabled && input.password && (await verifyPassword(input.password, signer.passwordHash)));
  if (!confirmed) {
    await recordRefusal(db, actor, item, passwordNotConfirmed);
    throw new AppError("SIGN_OFF_PASSWORD_INVALID");
  }

  try {
    return await db.$transaction(async (tx) => {
      const locked = await lockChecklistItemInScope(tx, actor, input.itemId);
      return appendSignOff(tx, actor, locked, { status: input.status, statement: input.statement, naReason: input.naReason });
    });
  } catch (error) {
    if (isAppError(error) && ruleRefusals.has(error.code)) await recordRefusal(db, actor, item, error.code, { status: input.status });
    throw error;
  }
}

const passwordNotConfirmed = "password_not_confirmed";
const ruleRefusals = new Set<ErrorCode>(["CHECKLIST_EVIDENCE_REQUIRED", "SIGN_OFF_SECOND_SIGNER_REQUIRED"]);

function recordRefusal(db: Db, actor: Actor, item: { id: string; pocId: string }, reason: string, details: Record<string, unknown> = {}) {
  return db.$transaction((tx) =>
    recordAuditEvent(tx, { ...actorFields(actor), action: "checklist.sign_off", entityType: "ChecklistItem", entityId: item.id, outcome: "DENIED", details: { pocId: item.pocId, reason, ...details } }),
  );
}

/**
 * Appends a sign-off to the item's chain inside the caller's transaction (the caller has confirmed
 * the signer and locked the item), enforcing the item's rules: approval needs evidence when the item
 * asks for it, and where the PoC requires a second signer for high-risk items, an approval or "not
 * applicable" is only done once another officer signs the same verdict (and reason). Also used by the
 * demo seed, which has no password to confirm.
 */
export async function appendSignOff(
  tx: Tx,
  actor: AuditActor,
  item: { id: string; pocId: string },
  signature: { status: Extract<ChecklistStatus, "APPROVED" | "NOT_APPLICABLE" | "OPEN">; statement: string; naReason?: string; details?: Record<string, unknown> },
) {
  const naReason = signature.status === "NOT_APPLICABLE" ? signature.naReason?.trim() || null : null;
  if (signature.status === "NOT_APPLICABLE" && !naReason) throw new AppError("INVALID_INPUT");
  const current = await tx.checklistItem.findUniqueOrThrow({
    where: { id: item.id },
    select: { status: true, naReason: true, requiresEvidence: true, highRisk: true, poc: { select: { secondSignerForHighRisk: true } }, _count: { select: { evidence: true } } },
  });
  if (signature.status === "APPROVED" && current.requiresEvidence && current._count.evidence === 0) throw new AppError("CHECKLIST_EVIDENCE_REQUIRED");

  const latest = await tx.signOff.findFirst({ where: { itemId: item.id, supersededBy: { is: null } }, select: { id: true, status: true, signerId: true } });
  const needsSecondSigner = signature.status !== "OPEN" && current.highRisk && current.poc.secondSignerForHighRisk;
  const confirmsPrevious =
    needsSecondSigner && current.status === "AWAITING_SECOND_SIGNATURE" && latest?.status === signature.status && (naReason === null || naReason === current.naReason);
  if (confirmsPrevious && latest.signerId === actor.id) throw new AppError("SIGN_OFF_SECOND_SIGNER_REQUIRED");
  const itemStatus = needsSecondSigner && !confirmsPrevious ? "AWAITING_SECOND_SIGNATURE" : signature.status;

  const signOff = await tx.signOff.create({
    data: { itemId: item.id, signerId: actor.id, status: signature.status, statement: signature.statement, supersedesId: latest?.id ?? null, confirmsPrevious },
  });
  await tx.checklistItem.update({ where: { id: item.id }, data: { status: itemStatus, naReason } });
  await recordAuditEvent(tx, {
    ...actorFields(actor),
    action: "checklist.sign_off",
    entityType: "ChecklistItem",
    entityId: item.id,
    details: {
      pocId: item.pocId,
      signOffId: signOff.id,
      status: signature.status,
      itemStatus,
      supersedesId: latest?.id ?? null,
      ...(confirmsPrevious ? { confirmsSignOffId: latest.id } : {}),
      ...signature.details,
    },
  });
  return { id: signOff.id, supersedesId: latest?.id ?? null, itemStatus };
}
