import "server-only";
import { actorFields, recordAuditEvent, type AuditActor } from "@/lib/audit/record-audit-event";
import { revokeUserSessions } from "@/lib/auth/revoke-user-sessions";
import type { RevokeSessionInput } from "@/lib/auth/schema";
import { sessionKey } from "@/lib/auth/session-secret";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";

/**
 * Sign-out: this browser's session ends on the server, so a copy of its cookie is refused from now on.
 * Idempotent (the portal's sign-out and Auth.js's sign-out event both call it); audited once.
 */
export async function endSession(db: Db, claims: { userId: string; sessionId: string }, now = new Date()): Promise<void> {
  await db.$transaction(async (tx) => {
    const { count } = await tx.userSession.updateMany({ where: { id: sessionKey(claims.sessionId), userId: claims.userId, revokedAt: null }, data: { revokedAt: now, revokedReason: "sign_out" } });
    if (count === 0) return;
    const user = await tx.user.findUnique({ where: { id: claims.userId }, select: { role: true } });
    await recordAuditEvent(tx, { actorId: claims.userId, actorRole: user?.role ?? null, action: "auth.sign_out", entityType: "User", entityId: claims.userId });
  });
}

/** Ends every session of the user, this one included. */
export async function signOutEverywhere(db: Db, actor: AuditActor, now = new Date()) {
  return db.$transaction(async (tx) => {
    const sessions = await revokeUserSessions(tx, actor.id, "sign_out_everywhere", now);
    await recordAuditEvent(tx, { ...actorFields(actor), action: "auth.sign_out_everywhere", entityType: "User", entityId: actor.id, details: { sessions } });
    return { sessions };
  });
}

/** Ends one of the user's own sessions, chosen from the list on /account/security. */
export async function revokeOwnSession(db: Db, actor: AuditActor, input: RevokeSessionInput, now = new Date()) {
  return db.$transaction(async (tx) => {
    const { count } = await tx.userSession.updateMany({ where: { id: input.sessionKey, userId: actor.id, revokedAt: null }, data: { revokedAt: now, revokedReason: "revoked_by_user" } });
    if (count === 0) throw new AppError("NOT_FOUND");
    await recordAuditEvent(tx, { ...actorFields(actor), action: "auth.session_revoke", entityType: "User", entityId: actor.id });
    return { revoked: count };
  });
}
