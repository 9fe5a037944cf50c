import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resolveSessionUser, type SessionPolicy } from "@/lib/auth/resolve-session-user";
import { resetUserTotp } from "@/lib/auth/second-factor";
import { resetPassword, setUserDisabled, updateUserAccess } from "@/lib/users/manage-users";
import { buildUser } from "./builders";
import { createTestDatabase, testTargets, type TestDatabase } from "./test-database";

const policy: SessionPolicy = { maxAgeSeconds: 8 * 3600, totpRequiredRoles: [] };
const signedInAt = Date.UTC(2026, 2, 1, 8, 0, 0);

// The server-side half of a session: the cookie's claims checked against the clock and the database.
describe.each(testTargets)("session checks on %s", (kind) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(kind);
  });
  afterAll(() => database.drop());

  const claimsOf = (user: { id: string; sessionVersion: number }) => ({ userId: user.id, sessionVersion: user.sessionVersion, signedInAt });

  it("ends a session at its absolute lifetime, however active it was", async () => {
    const user = await buildUser(database.db);
    expect(await resolveSessionUser(database.db, claimsOf(user), policy, signedInAt + 8 * 3600_000)).toMatchObject({ id: user.id });
    expect(await resolveSessionUser(database.db, claimsOf(user), policy, signedInAt + 8 * 3600_000 + 1)).toBeNull();
    expect(await resolveSessionUser(database.db, { ...claimsOf(user), signedInAt: 0 }, policy, signedInAt)).toBeNull();
    expect(await resolveSessionUser(database.db, null, policy, signedInAt)).toBeNull();
  });

  it("refuses on the next request after disable, role change, password reset or TOTP reset", async () => {
    const admin = await buildUser(database.db, { role: "ADMIN" });
    const actor = { id: admin.id, role: admin.role };
    const check = async (change: (userId: string) => Promise<unknown>) => {
      const user = await buildUser(database.db);
      expect(await resolveSessionUser(database.db, claimsOf(user), policy, signedInAt + 1000)).toMatchObject({ id: user.id, role: "CLINICIAN" });
      await change(user.id);
      expect(await resolveSessionUser(database.db, claimsOf(user), policy, signedInAt + 2000)).toBeNull();
      // A new sign-in carries the new version and the new role.
      const fresh = await database.db.user.findUniqueOrThrow({ where: { id: user.id } });
      return resolveSessionUser(database.db, claimsOf(fresh), policy, signedInAt + 3000);
    };
    expect(await check((userId) => setUserDisabled(database.db, actor, { userId, disabled: true }))).toBeNull();
    expect(await check((userId) => updateUserAccess(database.db, actor, { userId, role: "EXECUTIVE", siteIds: [] }))).toMatchObject({ role: "EXECUTIVE" });
    expect(await check((userId) => resetPassword(database.db, actor, { userId, password: "a brand new password" }))).toMatchObject({ role: "CLINICIAN" });
    expect(await check((userId) => resetUserTotp(database.db, actor, { userId }))).toMatchObject({ role: "CLINICIAN" });
  });

  it("marks users of TOTP_REQUIRED_ROLES without TOTP as having to enrol, and only them", async () => {
    const strict: SessionPolicy = { ...policy, totpRequiredRoles: ["ADMIN", "COMPLIANCE"] };
    const admin = await buildUser(database.db, { role: "ADMIN" });
    const enrolledCompliance = await buildUser(database.db, { role: "COMPLIANCE", totpEnabled: true });
    const clinician = await buildUser(database.db, { role: "CLINICIAN" });
    expect(await resolveSessionUser(database.db, claimsOf(admin), strict, signedInAt)).toMatchObject({ mustEnrolSecondFactor: true });
    expect(await resolveSessionUser(database.db, claimsOf(enrolledCompliance), strict, signedInAt)).toMatchObject({ mustEnrolSecondFactor: false });
    expect(await resolveSessionUser(database.db, claimsOf(clinician), strict, signedInAt)).toMatchObject({ mustEnrolSecondFactor: false });
    expect(await resolveSessionUser(database.db, claimsOf(admin), policy, signedInAt)).toMatchObject({ mustEnrolSecondFactor: false });
  });
});
