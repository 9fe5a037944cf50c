import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { Db } from "@/lib/db/client";
import { decoyPasswordHash, verifyPassword } from "@/lib/auth/password";
import { consumeSecondFactor } from "@/lib/auth/second-factor";

export type LockoutPolicy = { maxFailures: number; lockBaseSeconds: number };
/** authSecret opens the sealed TOTP secrets; without it, accounts with a second factor cannot sign in. */
export type SignInPolicy = LockoutPolicy & { authSecret?: string };

/** The password was right and the account has TOTP: the caller must ask for a code and try again. */
export const secondFactorRequired = "second_factor_required";

export type AuthenticatedUser = { id: string; email: string; name: string; role: string; locale: string; sessionVersion: number };

/** After maxFailures failures the account locks, doubling the lock for each further failure (capped at a day). */
export function lockDurationSeconds(failedCount: number, policy: LockoutPolicy): number {
  if (failedCount < policy.maxFailures) return 0;
  return Math.min(policy.lockBaseSeconds * 2 ** (failedCount - policy.maxFailures), 24 * 3600);
}

/**
 * Checks an e-mail, password and, for accounts with TOTP, the second factor. Every failure looks the
 * same to the caller (null), whatever the reason: unknown e-mail, wrong password or code, locked or
 * disabled account. The reason goes to the audit log. The one distinct answer, `secondFactorRequired`,
 * comes only after the right password of an enabled, unlocked account with TOTP and no code sent.
 */
export async function authenticateWithPassword(
  db: Db,
  credentials: { email: string; password: string; otp?: string },
  policy: SignInPolicy,
  now = new Date(),
): Promise<AuthenticatedUser | typeof secondFactorRequired | null> {
  const user = await db.user.findUnique({ where: { email: credentials.email }, omit: { passwordHash: false } });
  const passwordMatches = await verifyPassword(credentials.password, user?.passwordHash ?? (await decoyPasswordHash()));

  const fail = async (reason: string) => {
    await db.$transaction(async (tx) => {
      // A wrong code counts like a wrong password, so guessing codes meets the same lockout.
      if (user && (reason === "wrong_password" || reason === "wrong_second_factor")) {
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

  let secondFactorDetails: Record<string, unknown> = {};
  if (user.totpEnabled) {
    if (!credentials.otp) return secondFactorRequired;
    if (!policy.authSecret) return fail("second_factor_unavailable");
    const check = await consumeSecondFactor(db, user.id, credentials.otp, { authSecret: policy.authSecret }, now);
    if (!check.ok) return fail("wrong_second_factor");
    secondFactorDetails = { secondFactor: check.method };
    if (check.method === "recovery_code") {
      await db.$transaction((tx) =>
        recordAuditEvent(tx, { actorId: user.id, actorRole: user.role, action: "auth.recovery_code_used", entityType: "User", entityId: user.id, details: { recoveryCodesLeft: check.recoveryCodesLeft } }),
      );
    }
  }

  await db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: user.id }, data: { failedLoginCount: 0, lockedUntil: null, lastLoginAt: now } });
    await recordAuditEvent(tx, { actorId: user.id, actorRole: user.role, action: "auth.sign_in", entityType: "User", entityId: user.id, details: user.totpEnabled ? secondFactorDetails : null });
  });
  return { id: user.id, email: user.email, name: user.name, role: user.role, locale: user.locale, sessionVersion: user.sessionVersion };
}
