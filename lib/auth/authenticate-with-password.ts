import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { Db } from "@/lib/db/client";
import { decoyPasswordHash, verifyPassword } from "@/lib/auth/password";
import { consumeSecondFactor } from "@/lib/auth/second-factor";
import { countAccountFailure, countSignInFailure, forgetSignInFailures, signInRefusal, type SignInClient, type SignInLimits } from "@/lib/auth/sign-in-limits";

/** authSecret opens the sealed TOTP secrets; without it, accounts with a second factor cannot sign in. */
export type SignInPolicy = SignInLimits & { authSecret?: string };

/** The password was right and the account has TOTP: the caller must ask for a code and try again. */
export const secondFactorRequired = "second_factor_required";

export type AuthenticatedUser = { id: string; email: string; name: string; role: string; locale: string };

/**
 * Checks an e-mail, password and, for accounts with TOTP, the second factor. Every failure looks the
 * same to the caller (null), whatever the reason: over the address's limit, locked out from this
 * address or altogether, unknown e-mail, wrong password or code, disabled account. The reason goes to
 * the audit log. The one distinct answer, `secondFactorRequired`, comes only after the right password
 * of an enabled, unlocked account with TOTP and no code sent.
 */
export async function authenticateWithPassword(
  db: Db,
  credentials: { email: string; password: string; otp?: string },
  policy: SignInPolicy,
  clientAddress: string | null,
  now = new Date(),
): Promise<AuthenticatedUser | typeof secondFactorRequired | null> {
  const client: SignInClient = { address: clientAddress, email: credentials.email };
  const refusal = await signInRefusal(db, client, policy, now);
  if (refusal) {
    // Refused before the password is checked, so a flood costs no hashing. Never counted again.
    const known = await db.user.findUnique({ where: { email: credentials.email }, select: { id: true, role: true } });
    await db.$transaction((tx) =>
      recordAuditEvent(tx, { actorId: known?.id ?? null, actorRole: known?.role ?? null, action: "auth.sign_in", entityType: "User", entityId: known?.id ?? null, outcome: "FAILURE", details: { reason: refusal } }),
    );
    return null;
  }

  const user = await db.user.findUnique({ where: { email: credentials.email }, omit: { passwordHash: false } });
  const passwordMatches = await verifyPassword(credentials.password, user?.passwordHash ?? (await decoyPasswordHash()));

  // Only a wrong password or code (or an unknown e-mail) counts: against this client, and against the
  // account unless it is locked or disabled already.
  const fail = async (reason: string, counts: "nothing" | "client" | "client_and_account") => {
    await db.$transaction(async (tx) => {
      if (counts !== "nothing") await countSignInFailure(tx, client, policy, now);
      if (counts === "client_and_account" && user) await countAccountFailure(tx, user.id, policy, now);
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

  if (!user) return fail("unknown_email", "client");
  if (user.disabled) return fail("disabled", passwordMatches ? "nothing" : "client");
  if (user.lockedUntil && user.lockedUntil > now) return fail("locked", passwordMatches ? "nothing" : "client");
  if (!passwordMatches) return fail("wrong_password", "client_and_account");

  let secondFactorDetails: Record<string, unknown> = {};
  if (user.totpEnabled) {
    if (!credentials.otp) return secondFactorRequired;
    if (!policy.authSecret) return fail("second_factor_unavailable", "nothing");
    const check = await consumeSecondFactor(db, user.id, credentials.otp, { authSecret: policy.authSecret }, now);
    // A wrong code counts like a wrong password, so guessing codes meets the same limits.
    if (!check.ok) return fail("wrong_second_factor", "client_and_account");
    secondFactorDetails = { secondFactor: check.method };
    if (check.method === "recovery_code") {
      await db.$transaction((tx) =>
        recordAuditEvent(tx, { actorId: user.id, actorRole: user.role, action: "auth.recovery_code_used", entityType: "User", entityId: user.id, details: { recoveryCodesLeft: check.recoveryCodesLeft } }),
      );
    }
  }

  await db.$transaction(async (tx) => {
    // Throttle rows before the user row, the order a failure takes them in.
    await forgetSignInFailures(tx, client, policy, now);
    await tx.user.update({ where: { id: user.id }, data: { failedLoginCount: 0, lockedUntil: null, lastLoginAt: now } });
    await recordAuditEvent(tx, { actorId: user.id, actorRole: user.role, action: "auth.sign_in", entityType: "User", entityId: user.id, details: user.totpEnabled ? secondFactorDetails : null });
  });
  return { id: user.id, email: user.email, name: user.name, role: user.role, locale: user.locale };
}
