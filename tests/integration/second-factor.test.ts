import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyAuditChain } from "@/lib/audit/verify-audit-chain";
import { authenticateWithPassword, secondFactorRequired } from "@/lib/auth/authenticate-with-password";
import { confirmTotpEnrolment, resetUserTotp, startTotpEnrolment } from "@/lib/auth/second-factor";
import { base32Decode, hotp, totpCode, totpStep } from "@/lib/auth/totp";
import { AppError } from "@/lib/errors";
import { buildUser } from "./builders";
import { createTestDatabase, testTargets, type TestDatabase } from "./test-database";

const keys = { authSecret: "integration-test-auth-secret-0123456789" };
const policy = { perAddress: 50, windowSeconds: 900, maxFailures: 3, maxFailuresPerAccount: 3, lockBaseSeconds: 60, keySecret: "test-key", ...keys };
const address = "192.0.2.20";
const password = "right password for totp";

describe.each(testTargets)("TOTP second factor on %s", (kind) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(kind);
  });
  afterAll(() => database.drop());

  /** A user with TOTP enrolled at `enrolledAt`; returns the secret and recovery codes as the user saw them. */
  async function enrolledUser(enrolledAt: Date) {
    const user = await buildUser(database.db, { password, role: "COMPLIANCE" });
    const { secretBase32, otpauthUri } = await startTotpEnrolment(database.db, user, keys);
    expect(otpauthUri).toContain(`secret=${secretBase32}`);
    const secret = base32Decode(secretBase32)!;
    const { recoveryCodes } = await confirmTotpEnrolment(database.db, { id: user.id, role: user.role }, { code: totpCode(secret, enrolledAt.getTime()) }, keys, enrolledAt);
    return { user, secret, recoveryCodes };
  }

  const auditActions = async (userId: string) => (await database.db.auditEvent.findMany({ where: { entityId: userId }, orderBy: { seq: "asc" } })).map((event) => `${event.action}:${event.outcome}`);

  it("stores the secret sealed, enables only after a right code, and keeps 10 hashed recovery codes", async () => {
    const user = await buildUser(database.db, { password });
    const { secretBase32 } = await startTotpEnrolment(database.db, user, keys);
    const stored = await database.db.user.findUniqueOrThrow({ where: { id: user.id }, omit: { totpSecret: false, recoveryCodeHashes: false } });
    expect(stored.totpEnabled).toBe(false);
    expect(stored.totpSecret).toMatch(/^v1\./);
    expect(stored.totpSecret).not.toContain(secretBase32);

    const now = new Date();
    const wrongCode = hotp(base32Decode(secretBase32)!, totpStep(now.getTime()) + 5);
    await expect(confirmTotpEnrolment(database.db, user, { code: wrongCode }, keys, now)).rejects.toEqual(new AppError("TOTP_CODE_INVALID"));
    const { recoveryCodes } = await confirmTotpEnrolment(database.db, user, { code: totpCode(base32Decode(secretBase32)!, now.getTime()) }, keys, now);
    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);
    const enabled = await database.db.user.findUniqueOrThrow({ where: { id: user.id }, omit: { recoveryCodeHashes: false } });
    expect(enabled.totpEnabled).toBe(true);
    expect(enabled.recoveryCodeHashes).toHaveLength(10);
    for (const code of recoveryCodes) expect(enabled.recoveryCodeHashes.join(" ")).not.toContain(code.replace("-", ""));
    await expect(startTotpEnrolment(database.db, user, keys)).rejects.toEqual(new AppError("TOTP_ALREADY_ENABLED"));
    expect(await auditActions(user.id)).toEqual(["auth.totp_enrol:FAILURE", "auth.totp_enrol:SUCCESS"]);
  });

  it("asks for the code only after the right password; signs in with a code once (no replay)", async () => {
    const enrolledAt = new Date(Date.UTC(2026, 0, 5, 9, 0, 0));
    const { user, secret } = await enrolledUser(enrolledAt);
    const later = new Date(enrolledAt.getTime() + 5 * 60_000);
    expect(await authenticateWithPassword(database.db, { email: user.email, password: "wrong password" }, policy, address, later)).toBeNull();
    expect(await authenticateWithPassword(database.db, { email: user.email, password }, policy, address, later)).toBe(secondFactorRequired);
    const code = totpCode(secret, later.getTime());
    expect(await authenticateWithPassword(database.db, { email: user.email, password, otp: code }, policy, address, later)).toMatchObject({ id: user.id });
    expect(await authenticateWithPassword(database.db, { email: user.email, password, otp: code }, policy, address, later)).toBeNull();
    // A wrong password with a right code is the same generic failure.
    const next = new Date(later.getTime() + 30_000);
    expect(await authenticateWithPassword(database.db, { email: user.email, password: "wrong password", otp: totpCode(secret, next.getTime()) }, policy, address, next)).toBeNull();
    const reasons = (await database.db.auditEvent.findMany({ where: { entityId: user.id, action: "auth.sign_in" }, orderBy: { seq: "asc" } })).map((event) => (event.details as { reason?: string; secondFactor?: string } | null));
    expect(reasons).toEqual([{ reason: "wrong_password" }, { secondFactor: "totp" }, { reason: "wrong_second_factor" }, { reason: "wrong_password" }]);
  });

  it("counts wrong codes toward the lockout, which then refuses even a right code", async () => {
    const enrolledAt = new Date(Date.UTC(2026, 0, 6, 9, 0, 0));
    const { user, secret } = await enrolledUser(enrolledAt);
    const now = new Date(enrolledAt.getTime() + 10 * 60_000);
    const wrongCode = hotp(secret, totpStep(now.getTime()) + 5);
    for (let attempt = 0; attempt < 3; attempt++) expect(await authenticateWithPassword(database.db, { email: user.email, password, otp: wrongCode }, policy, address, now)).toBeNull();
    const locked = await database.db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(locked.failedLoginCount).toBe(3);
    expect(locked.lockedUntil!.getTime()).toBe(now.getTime() + 60_000);
    expect(await authenticateWithPassword(database.db, { email: user.email, password, otp: totpCode(secret, now.getTime()) }, policy, address, now)).toBeNull();
    // Locked: not even "second factor required" — nothing confirms the password.
    expect(await authenticateWithPassword(database.db, { email: user.email, password }, policy, address, now)).toBeNull();
  });

  it("accepts each recovery code once, in any spelling, and audits its use", async () => {
    const enrolledAt = new Date(Date.UTC(2026, 0, 7, 9, 0, 0));
    const { user, recoveryCodes } = await enrolledUser(enrolledAt);
    const now = new Date(enrolledAt.getTime() + 60 * 60_000);
    const [first, second] = recoveryCodes as [string, string];
    expect(await authenticateWithPassword(database.db, { email: user.email, password, otp: first.toLowerCase().replace("-", " ") }, policy, address, now)).toMatchObject({ id: user.id });
    expect(await authenticateWithPassword(database.db, { email: user.email, password, otp: first }, policy, address, now)).toBeNull();
    // Two different codes used at the same moment: both work, neither comes back.
    const [a, b] = await Promise.all([second, recoveryCodes[2]!].map((otp) => authenticateWithPassword(database.db, { email: user.email, password, otp }, policy, address, now)));
    expect([a, b]).toEqual([expect.objectContaining({ id: user.id }), expect.objectContaining({ id: user.id })]);
    const stored = await database.db.user.findUniqueOrThrow({ where: { id: user.id }, omit: { recoveryCodeHashes: false } });
    expect(stored.recoveryCodeHashes).toHaveLength(7);
    const used = await database.db.auditEvent.findMany({ where: { entityId: user.id, action: "auth.recovery_code_used" }, orderBy: { seq: "asc" } });
    expect(used).toHaveLength(3);
    expect((used[0]!.details as { recoveryCodesLeft: number }).recoveryCodesLeft).toBe(9);
  });

  it("lets an administrator reset a user's TOTP: sessions end, the user enrols again, audited", async () => {
    const admin = await buildUser(database.db, { role: "ADMIN" });
    const { user } = await enrolledUser(new Date());
    await expect(resetUserTotp(database.db, { id: admin.id, role: admin.role }, { userId: admin.id })).rejects.toEqual(new AppError("CANNOT_CHANGE_SELF"));
    await resetUserTotp(database.db, { id: admin.id, role: admin.role }, { userId: user.id });
    const reset = await database.db.user.findUniqueOrThrow({ where: { id: user.id }, omit: { totpSecret: false, recoveryCodeHashes: false } });
    expect(reset).toMatchObject({ totpEnabled: false, totpSecret: null, recoveryCodeHashes: [] });
    expect(await authenticateWithPassword(database.db, { email: user.email, password }, policy, address)).toMatchObject({ id: user.id });
    expect((await database.db.auditEvent.findMany({ where: { entityId: user.id, action: "user.reset_totp" } })).map((event) => event.actorId)).toEqual([admin.id]);
    expect((await verifyAuditChain(database.db)).firstBreak).toBeNull();
  });
});
