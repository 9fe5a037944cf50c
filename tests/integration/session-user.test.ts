import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { changePassword } from "@/lib/auth/change-password";
import { createUserSession } from "@/lib/auth/create-user-session";
import { listUserSessions } from "@/lib/auth/list-user-sessions";
import { resolveSessionUser, type SessionPolicy } from "@/lib/auth/resolve-session-user";
import { resetUserTotp } from "@/lib/auth/second-factor";
import { sessionKey } from "@/lib/auth/session-secret";
import type { SignInLimits } from "@/lib/auth/sign-in-limits";
import { endSession, revokeOwnSession, signOutEverywhere } from "@/lib/auth/sign-out";
import { AppError } from "@/lib/errors";
import { resetPassword, setUserDisabled, updateUserAccess } from "@/lib/users/manage-users";
import { buildUser } from "./builders";
import { createTestDatabase, testTargets, type TestDatabase } from "./test-database";

const policy: SessionPolicy = { maxAgeSeconds: 8 * 3600, idleSeconds: 30 * 60, totpRequiredRoles: [] };
const limits: SignInLimits = { perAddress: 50, windowSeconds: 900, maxFailures: 3, maxFailuresPerAccount: 50, lockBaseSeconds: 60, keySecret: "test-key" };
const signedInAt = Date.UTC(2026, 2, 1, 8, 0, 0);
const minute = 60_000;

// The server-side half of a session: the cookie's claims checked against the clock and the session's row.
describe.each(testTargets)("sessions on %s", (kind) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(kind);
  });
  afterAll(() => database.drop());

  /** A browser signed in at `signedInAt`: the claims its cookie carries. */
  const signIn = async (user: { id: string }, at = signedInAt) => {
    const sessionId = await createUserSession(database.db, { userId: user.id, userAgent: "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0" }, policy, new Date(at));
    return { userId: user.id, sessionId, signedInAt: at };
  };
  const resolve = (claims: Awaited<ReturnType<typeof signIn>>, at: number) => resolveSessionUser(database.db, claims, policy, at);
  const actorOf = (user: { id: string; role: string }) => ({ id: user.id, role: user.role });

  it("ends a session at its absolute lifetime, however active it was", async () => {
    const user = await buildUser(database.db);
    const claims = await signIn(user);
    // Active every 20 minutes for 8 hours: never idle.
    for (let at = signedInAt; at <= signedInAt + 8 * 3600_000; at += 20 * minute) expect(await resolve(claims, at), `at +${(at - signedInAt) / minute} min`).toMatchObject({ id: user.id });
    expect(await resolve(claims, signedInAt + 8 * 3600_000 + 1)).toBeNull();
    expect(await resolve({ ...claims, signedInAt: 0 }, signedInAt)).toBeNull();
    expect(await resolveSessionUser(database.db, null, policy, signedInAt)).toBeNull();
  });

  it("ends a session idle for longer than the idle limit, on the server", async () => {
    const user = await buildUser(database.db);
    const claims = await signIn(user);
    expect(await resolve(claims, signedInAt + 29 * minute)).toMatchObject({ id: user.id });
    // Last seen at +29 min: alive until +59 min, gone after.
    expect(await resolve(claims, signedInAt + 58 * minute)).toMatchObject({ id: user.id });
    expect(await resolve(claims, signedInAt + 58 * minute + 30 * minute + 1)).toBeNull();
  });

  it("refuses a session id that was never issued, or belongs to someone else", async () => {
    const [user, other] = [await buildUser(database.db), await buildUser(database.db)];
    const claims = await signIn(user);
    expect(await resolve({ ...claims, sessionId: "forged" }, signedInAt)).toBeNull();
    expect(await resolve({ ...claims, sessionId: "" }, signedInAt)).toBeNull();
    expect(await resolve({ ...claims, userId: other.id }, signedInAt)).toBeNull();
    // The key the sessions list shows is not a secret that opens anything.
    expect(await resolve({ ...claims, sessionId: sessionKey(claims.sessionId) }, signedInAt)).toBeNull();
  });

  it("sign-out ends that browser's session only, and is audited once", async () => {
    const user = await buildUser(database.db);
    const [laptop, phone] = [await signIn(user), await signIn(user)];
    await endSession(database.db, laptop, new Date(signedInAt + minute));
    await endSession(database.db, laptop, new Date(signedInAt + minute));
    expect(await resolve(laptop, signedInAt + 2 * minute)).toBeNull();
    expect(await resolve(phone, signedInAt + 2 * minute)).toMatchObject({ id: user.id });
    expect(await database.db.auditEvent.count({ where: { action: "auth.sign_out", entityId: user.id } })).toBe(1);
  });

  it("sign-out everywhere ends every session of the user and no one else's", async () => {
    const [user, other] = [await buildUser(database.db), await buildUser(database.db)];
    const sessions = [await signIn(user), await signIn(user), await signIn(user)];
    const others = await signIn(other);
    expect(await signOutEverywhere(database.db, actorOf(user), new Date(signedInAt + minute))).toEqual({ sessions: 3 });
    for (const claims of sessions) expect(await resolve(claims, signedInAt + 2 * minute)).toBeNull();
    expect(await resolve(others, signedInAt + 2 * minute)).toMatchObject({ id: other.id });
    const [event] = await database.db.auditEvent.findMany({ where: { action: "auth.sign_out_everywhere", entityId: user.id } });
    expect(event).toMatchObject({ actorId: user.id, details: { sessions: 3 } });
  });

  it("lists live sessions and lets the user end another one of their own, not someone else's", async () => {
    const [user, other] = [await buildUser(database.db), await buildUser(database.db)];
    const [current, old, ended] = [await signIn(user), await signIn(user, signedInAt - 9 * 3600_000), await signIn(user)];
    const others = await signIn(other);
    await endSession(database.db, ended);
    const listed = await listUserSessions(database.db, user.id, policy, new Date(signedInAt + minute));
    expect(listed.map((session) => session.id)).toEqual([sessionKey(current.sessionId)]);
    expect(listed[0]).toMatchObject({ device: "Firefox · Linux" });

    const second = await signIn(user);
    await expect(revokeOwnSession(database.db, actorOf(user), { sessionKey: sessionKey(others.sessionId) })).rejects.toEqual(new AppError("NOT_FOUND"));
    await expect(revokeOwnSession(database.db, actorOf(user), { sessionKey: sessionKey(old.sessionId) + "x" })).rejects.toEqual(new AppError("NOT_FOUND"));
    await revokeOwnSession(database.db, actorOf(user), { sessionKey: sessionKey(second.sessionId) });
    expect(await resolve(second, signedInAt + minute)).toBeNull();
    expect(await resolve(current, signedInAt + minute)).toMatchObject({ id: user.id });
    expect(await resolve(others, signedInAt + minute)).toMatchObject({ id: other.id });
  });

  it("refuses every session on the next request after disable, role change, password reset or TOTP reset", async () => {
    const admin = await buildUser(database.db, { role: "ADMIN" });
    const check = async (change: (userId: string) => Promise<unknown>) => {
      const user = await buildUser(database.db);
      const [laptop, phone] = [await signIn(user), await signIn(user)];
      expect(await resolve(laptop, signedInAt + 1000)).toMatchObject({ id: user.id, role: "CLINICIAN" });
      await change(user.id);
      expect(await resolve(laptop, signedInAt + 2000)).toBeNull();
      expect(await resolve(phone, signedInAt + 2000)).toBeNull();
      // A new sign-in sees the change.
      return resolve(await signIn(user, signedInAt + 3000), signedInAt + 3000);
    };
    expect(await check((userId) => setUserDisabled(database.db, actorOf(admin), { userId, disabled: true }))).toBeNull();
    expect(await check((userId) => updateUserAccess(database.db, actorOf(admin), { userId, role: "EXECUTIVE", siteIds: [] }))).toMatchObject({ role: "EXECUTIVE" });
    expect(await check((userId) => resetPassword(database.db, actorOf(admin), { userId, password: "a brand new password" }))).toMatchObject({ role: "CLINICIAN" });
    expect(await check((userId) => resetUserTotp(database.db, actorOf(admin), { userId }))).toMatchObject({ role: "CLINICIAN" });
    const reasons = await database.db.userSession.groupBy({ by: ["revokedReason"], where: { revokedReason: { not: null } }, _count: true });
    expect(reasons.map((row) => row.revokedReason)).toEqual(expect.arrayContaining(["disabled", "access_change", "password_reset", "totp_reset"]));
  });

  it("a password change re-checks the current password, ends every other session and re-issues this one", async () => {
    const user = await buildUser(database.db, { password: "the old passphrase" });
    const [here, elsewhere] = [await signIn(user), await signIn(user)];
    const actor = { ...actorOf(user), email: user.email, sessionKey: sessionKey(here.sessionId) };
    const context = { clientAddress: "192.0.2.50", limits };
    const at = new Date(signedInAt + minute);

    await expect(changePassword(database.db, actor, { currentPassword: "not the old one", newPassword: "a fresh passphrase" }, context, at)).rejects.toEqual(new AppError("CURRENT_PASSWORD_INVALID"));
    // The builder's e-mail local part ("user-" + 8 hex) is long enough to pass the length rule.
    for (const rejected of ["the old passphrase", user.email, user.email.toUpperCase(), user.email.split("@")[0]!]) {
      await expect(changePassword(database.db, actor, { currentPassword: "the old passphrase", newPassword: rejected }, context, at)).rejects.toEqual(new AppError("NEW_PASSWORD_REJECTED"));
    }
    // Nothing changed so far: both browsers are still in.
    expect(await resolve(here, signedInAt + 2 * minute)).not.toBeNull();
    expect(await resolve(elsewhere, signedInAt + 2 * minute)).not.toBeNull();

    const { sessionId } = await changePassword(database.db, actor, { currentPassword: "the old passphrase", newPassword: "a fresh passphrase" }, context, at);
    expect(await resolve(elsewhere, signedInAt + 2 * minute)).toBeNull();
    expect(await resolve(here, signedInAt + 2 * minute)).toBeNull();
    const reissued = { ...here, sessionId };
    expect(await resolve(reissued, signedInAt + 2 * minute)).toMatchObject({ id: user.id });
    // Same browser, same sign-in time, in the list.
    expect(await listUserSessions(database.db, user.id, policy, new Date(signedInAt + 2 * minute))).toEqual([expect.objectContaining({ id: sessionKey(sessionId), createdAt: new Date(signedInAt), device: "Firefox · Linux" })]);

    const outcomes = await database.db.auditEvent.findMany({ where: { action: "auth.password_change", entityId: user.id }, orderBy: { seq: "asc" } });
    expect(outcomes.map((event) => [event.outcome, event.details])).toEqual([
      ["FAILURE", { reason: "wrong_password" }],
      ["SUCCESS", { otherSessionsEnded: 1 }],
    ]);
    expect(JSON.stringify(outcomes)).not.toContain("passphrase");
  });

  it("a password change from a session that ended meanwhile changes nothing", async () => {
    const user = await buildUser(database.db, { password: "the old passphrase" });
    const here = await signIn(user);
    await signOutEverywhere(database.db, actorOf(user));
    const actor = { ...actorOf(user), email: user.email, sessionKey: sessionKey(here.sessionId) };
    await expect(changePassword(database.db, actor, { currentPassword: "the old passphrase", newPassword: "a fresh passphrase" }, { clientAddress: "192.0.2.51", limits })).rejects.toEqual(new AppError("UNAUTHENTICATED"));
    expect(await database.db.userSession.count({ where: { userId: user.id, revokedAt: null } })).toBe(0);
  });

  it("guessing the current password meets the sign-in limits", async () => {
    const user = await buildUser(database.db, { password: "the old passphrase" });
    const here = await signIn(user);
    const actor = { ...actorOf(user), email: user.email, sessionKey: sessionKey(here.sessionId) };
    const context = { clientAddress: "192.0.2.52", limits };
    const at = new Date(signedInAt + minute);
    for (let attempt = 0; attempt < limits.maxFailures; attempt++) {
      await expect(changePassword(database.db, actor, { currentPassword: `guess ${attempt}`, newPassword: "a fresh passphrase" }, context, at)).rejects.toEqual(new AppError("CURRENT_PASSWORD_INVALID"));
    }
    // Locked out from this address: even the right current password is not checked now.
    await expect(changePassword(database.db, actor, { currentPassword: "the old passphrase", newPassword: "a fresh passphrase" }, context, at)).rejects.toEqual(new AppError("CURRENT_PASSWORD_INVALID"));
    const reasons = (await database.db.auditEvent.findMany({ where: { action: "auth.password_change", entityId: user.id }, orderBy: { seq: "asc" } })).map((event) => (event.details as { reason: string }).reason);
    expect(reasons).toEqual(["wrong_password", "wrong_password", "wrong_password", "locked_for_address"]);
  });
});
