import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { Db } from "@/lib/db/client";
import { decoyPasswordHash, verifyPassword } from "@/lib/auth/password";

export type LockoutPolicy = { maxFailures: number; lockBaseSeconds: number };

export type AuthenticatedUser = { id: string; email: string; name: string; role: string; locale: string; sessionVersion: number };

/** After maxFailures failures the account locks, doubling the lock for each further failure (capped at a day). */
export function lockDurationSeconds(failedCount: number, policy: LockoutPolicy): number {
  if (failedCount < policy.maxFailures) return 0;
  return Math.min(policy.lockBaseSeconds * 2 ** (failedCount - policy.maxFailures), 24 * 3600);
}

/**
 * Checks an e-mail and password. Every failure looks the same to the caller (null), whatever the
 * reason: unknown e-mail, wrong password, locked or disabled account. The reason goes to the audit log.
 */
export async function authenticateWithPassword(
  db: Db,
  credentials: { email: string; password: string },
  policy: LockoutPolicy,
  now = new Date(),
): Promise<AuthenticatedUser | null> {
  const user = await db.user.findUnique({ where: { email: credentials.email }, omit: { passwordHash: false } });
  const passwordMatches = await verifyPassword(credentials.password, user?.passwordHash ?? (await decoyPasswordHash()));

  const fail = async (reason: string) => {
    await db.$transaction(async (tx) => {
      if (user && reason === "wrong_password") {
        const failedCount = user.failedLoginCount + 1;
        const lockSeconds = lockDurationSeconds(failedCount, policy);
        await tx.user.update({
          where: { id: user.id },
          data: { failedLoginCount: failedCount, lockedUntil: lockSeconds ? new Date(now.getTime() + lockSeconds * 1000) : null },
        });
      }
      await recordAuditEvent(tx, {
        actorId: user?.id ?? null,
        actorRole: user?.role ?? null,
        action: "auth.sign_in",
        entityType: "User",
        entityId: user?.id ?? null,
        outcome: "FAILURE",
        details: { reason },
      });
    });
    return null;
  };

  if (!user) return fail("unknown_email");
  if (user.disabled) return fail("disabled");
  if (user.lockedUntil && user.lockedUntil > now) return fail("locked");
  if (!passwordMatches) return fail("wrong_password");

  await db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: user.id }, data: { failedLoginCount: 0, lockedUntil: null, lastLoginAt: now } });
    await recordAuditEvent(tx, { actorId: user.id, actorRole: user.role, action: "auth.sign_in", entityType: "User", entityId: user.id });
  });
  return { id: user.id, email: user.email, name: user.name, role: user.role, locale: user.locale, sessionVersion: user.sessionVersion };
}
