import type { Db, Tx } from "@/lib/db/client";

/** Why a session ended early, kept on its row. */
type SessionEndReason = "sign_out" | "sign_out_everywhere" | "revoked_by_user" | "password_change" | "password_reset" | "access_change" | "disabled" | "totp_reset";

/**
 * Ends every live session of a user: the next request with any of their cookies is refused. Call it
 * inside the transaction that makes the change it is for.
 */
export async function revokeUserSessions(tx: Db | Tx, userId: string, reason: SessionEndReason, now = new Date()): Promise<number> {
  const { count } = await tx.userSession.updateMany({ where: { userId, revokedAt: null }, data: { revokedAt: now, revokedReason: reason } });
  return count;
}
