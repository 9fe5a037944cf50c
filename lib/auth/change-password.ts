import "server-only";
import { actorFields, recordAuditEvent, type AuditActor } from "@/lib/audit/record-audit-event";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { revokeUserSessions } from "@/lib/auth/revoke-user-sessions";
import type { ChangePasswordInput } from "@/lib/auth/schema";
import { newSessionSecret, sessionKey } from "@/lib/auth/session-secret";
import { countAccountFailure, countSignInFailure, forgetSignInFailures, signInRefusal, type SignInLimits } from "@/lib/auth/sign-in-limits";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";

type PasswordChangeActor = AuditActor & { email: string; sessionKey: string };

/** Besides the length rule in the schema: not the e-mail address (or its local part), not the current password. */
async function isRejectedNewPassword(newPassword: string, email: string, currentHash: string) {
  const plain = newPassword.normalize("NFKC").trim().toLowerCase();
  return plain === email || plain === email.split("@")[0] || (await verifyPassword(newPassword, currentHash));
}

/**
 * Self-service password change. The current password is re-checked under the same limits as a sign-in
 * (someone holding a stolen session cannot guess it freely). Every session of the user ends; this
 * browser gets a fresh one in their place, whose secret the caller puts into its cookie.
 */
export async function changePassword(
  db: Db,
  actor: PasswordChangeActor,
  input: ChangePasswordInput,
  context: { clientAddress: string | null; limits: SignInLimits },
  now = new Date(),
): Promise<{ sessionId: string }> {
  const client = { address: context.clientAddress, email: actor.email };
  const refuse = async (reason: string, counted: boolean) => {
    await db.$transaction(async (tx) => {
      if (counted) {
        await countSignInFailure(tx, client, context.limits, now);
        await countAccountFailure(tx, actor.id, context.limits, now);
      }
      await recordAuditEvent(tx, { ...actorFields(actor), action: "auth.password_change", entityType: "User", entityId: actor.id, outcome: "FAILURE", details: { reason } });
    });
    return new AppError("CURRENT_PASSWORD_INVALID");
  };

  const refusal = await signInRefusal(db, client, context.limits, now);
  if (refusal) throw await refuse(refusal, false);
  const user = await db.user.findUniqueOrThrow({ where: { id: actor.id }, omit: { passwordHash: false } });
  if (!(await verifyPassword(input.currentPassword, user.passwordHash))) throw await refuse("wrong_password", true);
  if (await isRejectedNewPassword(input.newPassword, user.email, user.passwordHash)) throw new AppError("NEW_PASSWORD_REJECTED");

  const passwordHash = await hashPassword(input.newPassword);
  const secret = newSessionSecret();
  await db.$transaction(async (tx) => {
    // Ending this session first locks its row: if it ended meanwhile (signed out everywhere from
    // another browser), nothing changes and this browser gets no fresh session.
    const ending = await tx.userSession.updateMany({ where: { id: actor.sessionKey, userId: actor.id, revokedAt: null }, data: { revokedAt: now, revokedReason: "password_change" } });
    if (ending.count === 0) throw new AppError("UNAUTHENTICATED");
    const otherSessionsEnded = await revokeUserSessions(tx, actor.id, "password_change", now);
    // Throttle rows before the user row, the order a failure takes them in.
    await forgetSignInFailures(tx, client, context.limits, now);
    await tx.user.update({ where: { id: actor.id }, data: { passwordHash, failedLoginCount: 0, lockedUntil: null } });
    // The same browser and sign-in time, under a new secret: the old cookie is refused like the others.
    const current = await tx.userSession.findUniqueOrThrow({ where: { id: actor.sessionKey } });
    await tx.userSession.create({ data: { id: sessionKey(secret), userId: actor.id, device: current.device, createdAt: current.createdAt, lastSeenAt: now } });
    await recordAuditEvent(tx, { ...actorFields(actor), action: "auth.password_change", entityType: "User", entityId: actor.id, details: { otherSessionsEnded } });
  });
  return { sessionId: secret };
}
