import { actorFields, recordAuditEvent, type AuditActor } from "@/lib/audit/record-audit-event";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { generateRecoveryCodes, normalizeRecoveryCode } from "@/lib/auth/recovery-codes";
import { revokeUserSessions } from "@/lib/auth/revoke-user-sessions";
import type { ConfirmTotpEnrolmentInput, ResetUserTotpInput } from "@/lib/auth/schema";
import { openSecret, sealSecret } from "@/lib/auth/secret-box";
import { base32Decode, base32Encode, generateTotpSecret, isTotpCodeShape, matchTotpStep, otpauthUri } from "@/lib/auth/totp";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";

// The HKDF purpose for TOTP seeds: a key of its own, separate from anything else derived from AUTH_SECRET.
const totpSecretPurpose = "totp-secret";
const totpIssuer = "MMFM PoC Portal";

export type SecondFactorKeys = { authSecret: string };

function openTotpSecret(sealed: string | null, keys: SecondFactorKeys): Buffer | null {
  const base32 = sealed ? openSecret(sealed, keys.authSecret, totpSecretPurpose) : null;
  return base32 ? base32Decode(base32) : null;
}

/**
 * Creates a new pending secret (stored sealed, not yet enabled) and returns it for the authenticator
 * app. Starting again replaces a pending secret; an enabled one must be reset by an administrator.
 */
export async function startTotpEnrolment(db: Db, user: { id: string }, keys: SecondFactorKeys) {
  const secret = generateTotpSecret();
  const secretBase32 = base32Encode(secret, { padding: false });
  const updated = await db.user.updateMany({ where: { id: user.id, totpEnabled: false }, data: { totpSecret: sealSecret(secretBase32, keys.authSecret, totpSecretPurpose), totpLastUsedStep: null } });
  if (updated.count === 0) throw new AppError("TOTP_ALREADY_ENABLED");
  const { email } = await db.user.findUniqueOrThrow({ where: { id: user.id }, select: { email: true } });
  return { secretBase32, otpauthUri: otpauthUri({ issuer: totpIssuer, accountName: email, secret }) };
}

/** Enables TOTP once the user proves their app has the secret; returns the recovery codes, shown this once. */
export async function confirmTotpEnrolment(db: Db, actor: AuditActor, input: ConfirmTotpEnrolmentInput, keys: SecondFactorKeys, now = new Date()) {
  const user = await db.user.findUniqueOrThrow({ where: { id: actor.id }, omit: { totpSecret: false } });
  if (user.totpEnabled) throw new AppError("TOTP_ALREADY_ENABLED");
  const secret = openTotpSecret(user.totpSecret, keys);
  if (!secret) throw new AppError("TOTP_ENROLMENT_NOT_STARTED");
  const step = matchTotpStep(secret, input.code, now.getTime());
  if (step === null) {
    await db.$transaction((tx) => recordAuditEvent(tx, { ...actorFields(actor), action: "auth.totp_enrol", entityType: "User", entityId: actor.id, outcome: "FAILURE", details: { reason: "wrong_code" } }));
    throw new AppError("TOTP_CODE_INVALID");
  }
  const recoveryCodes = generateRecoveryCodes();
  const recoveryCodeHashes = await Promise.all(recoveryCodes.map((code) => hashPassword(normalizeRecoveryCode(code))));
  await db.$transaction(async (tx) => {
    // The same sealed secret must still be pending: a second tab that restarted enrolment wins, not this one.
    const enabled = await tx.user.updateMany({ where: { id: actor.id, totpEnabled: false, totpSecret: user.totpSecret }, data: { totpEnabled: true, totpLastUsedStep: step, recoveryCodeHashes } });
    if (enabled.count === 0) throw new AppError("TOTP_ENROLMENT_NOT_STARTED");
    await recordAuditEvent(tx, { ...actorFields(actor), action: "auth.totp_enrol", entityType: "User", entityId: actor.id, details: { recoveryCodes: recoveryCodes.length } });
  });
  return { recoveryCodes };
}

/** An administrator removes a user's second factor (lost phone); the user's sessions end and they enrol again. */
export async function resetUserTotp(db: Db, actor: AuditActor, input: ResetUserTotpInput) {
  if (input.userId === actor.id) throw new AppError("CANNOT_CHANGE_SELF");
  return db.$transaction(async (tx) => {
    const updated = await tx.user.updateMany({
      where: { id: input.userId },
      data: { totpEnabled: false, totpSecret: null, totpLastUsedStep: null, recoveryCodeHashes: [] },
    });
    if (updated.count === 0) throw new AppError("NOT_FOUND");
    await revokeUserSessions(tx, input.userId, "totp_reset");
    await recordAuditEvent(tx, { ...actorFields(actor), action: "user.reset_totp", entityType: "User", entityId: input.userId });
    return { id: input.userId };
  });
}

export type SecondFactorCheck = { ok: true; method: "totp" | "recovery_code"; recoveryCodesLeft?: number } | { ok: false };

/**
 * Checks a code at sign-in and consumes it atomically: a TOTP step or a recovery code is accepted
 * once, even when two sign-ins race with the same code.
 */
export async function consumeSecondFactor(db: Db, userId: string, otp: string, keys: SecondFactorKeys, now = new Date()): Promise<SecondFactorCheck> {
  const user = await db.user.findUniqueOrThrow({ where: { id: userId }, omit: { totpSecret: false, recoveryCodeHashes: false } });
  if (!user.totpEnabled) return { ok: false };
  if (isTotpCodeShape(otp)) {
    const secret = openTotpSecret(user.totpSecret, keys);
    const step = secret ? matchTotpStep(secret, otp, now.getTime(), user.totpLastUsedStep) : null;
    if (step === null) return { ok: false };
    const consumed = await db.user.updateMany({ where: { id: userId, OR: [{ totpLastUsedStep: null }, { totpLastUsedStep: { lt: step } }] }, data: { totpLastUsedStep: step } });
    return consumed.count === 1 ? { ok: true, method: "totp" } : { ok: false };
  }
  const candidate = normalizeRecoveryCode(otp);
  if (!/^[A-Z2-7]{10}$/.test(candidate)) return { ok: false };
  for (const hash of user.recoveryCodeHashes) {
    if (!(await verifyPassword(candidate, hash))) continue;
    // array_remove on the row itself, conditional on the hash still being there: a racing second use of
    // the same code finds nothing, and two different codes used at once cannot resurrect each other.
    const consumed = await db.$executeRaw`UPDATE "User" SET "recoveryCodeHashes" = array_remove("recoveryCodeHashes", ${hash}) WHERE "id" = ${userId} AND ${hash} = ANY("recoveryCodeHashes")`;
    if (consumed !== 1) return { ok: false };
    const { recoveryCodeHashes } = await db.user.findUniqueOrThrow({ where: { id: userId }, select: { recoveryCodeHashes: true } });
    return { ok: true, method: "recovery_code", recoveryCodesLeft: recoveryCodeHashes.length };
  }
  return { ok: false };
}
