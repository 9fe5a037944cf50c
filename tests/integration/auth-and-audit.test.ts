import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { verifyAuditChain } from "@/lib/audit/verify-audit-chain";
import { authenticateWithPassword } from "@/lib/auth/authenticate-with-password";
import { AppError } from "@/lib/errors";
import { createUser, resetPassword, setUserDisabled, updateUserAccess } from "@/lib/users/manage-users";
import { buildSite, buildUser } from "./builders";
import { createTestDatabase, testTargets, type TestDatabase } from "./test-database";

const policy = { perAddress: 100, windowSeconds: 900, maxFailures: 3, maxFailuresPerAccount: 6, lockBaseSeconds: 60, keySecret: "test-key" };
const address = "192.0.2.10";

describe.each(testTargets)("auth and audit on %s", (kind) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(kind);
  });
  afterAll(() => database.drop());

  const signInEvents = (userId: string) => database.db.auditEvent.findMany({ where: { action: "auth.sign_in", entityId: userId }, orderBy: { seq: "asc" } });

  it("signs in with the right password, audits it and resets the failure counter", async () => {
    const user = await buildUser(database.db, { password: "right password 1", failedLoginCount: 2 });
    const result = await authenticateWithPassword(database.db, { email: user.email, password: "right password 1" }, policy, address);
    expect(result).toMatchObject({ id: user.id });
    expect((await database.db.user.findUniqueOrThrow({ where: { id: user.id } })).failedLoginCount).toBe(0);
    expect((await signInEvents(user.id)).map((event) => event.outcome)).toEqual(["SUCCESS"]);
  });

  it("locks the account after LOGIN_MAX_FAILURES_PER_ACCOUNT failures from any addresses, even against the right password, and backs off", async () => {
    const user = await buildUser(database.db, { password: "right password 2" });
    const now = new Date();
    // One wrong password from each of 6 addresses: no address reaches its own limit of 3.
    for (let attempt = 0; attempt < 6; attempt++) expect(await authenticateWithPassword(database.db, { email: user.email, password: "wrong" }, policy, `198.51.100.${attempt}`, now)).toBeNull();
    const locked = await database.db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(locked.lockedUntil!.getTime() - now.getTime()).toBe(60_000);
    expect(await authenticateWithPassword(database.db, { email: user.email, password: "right password 2" }, policy, "198.51.100.99", now)).toBeNull();
    const events = await signInEvents(user.id);
    expect(events.map((event) => (event.details as { reason: string }).reason)).toEqual([...Array<string>(6).fill("wrong_password"), "locked"]);

    const later = new Date(now.getTime() + 61_000);
    expect(await authenticateWithPassword(database.db, { email: user.email, password: "wrong again" }, policy, "198.51.100.98", later)).toBeNull();
    const relocked = await database.db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(relocked.lockedUntil!.getTime() - later.getTime()).toBe(120_000);
  });

  it("refuses unknown and disabled accounts the same way", async () => {
    const user = await buildUser(database.db, { password: "right password 3", disabled: true });
    expect(await authenticateWithPassword(database.db, { email: user.email, password: "right password 3" }, policy, address)).toBeNull();
    expect(await authenticateWithPassword(database.db, { email: "nobody@test.example", password: "x" }, policy, address)).toBeNull();
    expect((await signInEvents(user.id)).map((event) => (event.details as { reason: string }).reason)).toEqual(["disabled"]);
  });

  it("manages users: duplicate e-mail refused, access change and password reset end sessions", async () => {
    const admin = await buildUser(database.db, { role: "ADMIN" });
    const site = await buildSite(database.db);
    const actor = { id: admin.id, role: admin.role };
    const created = await createUser(database.db, actor, { email: "new.reader@test.example", name: "Reader", role: "CLINICIAN", siteIds: [site.id], locale: "en", password: "a long enough password" });
    await expect(createUser(database.db, actor, { email: "new.reader@test.example", name: "Again", role: "CLINICIAN", siteIds: [], locale: "ja", password: "a long enough password" })).rejects.toEqual(new AppError("EMAIL_TAKEN"));
    await expect(updateUserAccess(database.db, actor, { userId: admin.id, role: "CLINICIAN", siteIds: [] })).rejects.toEqual(new AppError("CANNOT_CHANGE_SELF"));
    await expect(createUser(database.db, actor, { email: "x@test.example", name: "X", role: "CLINICIAN", siteIds: ["no-such-site"], locale: "ja", password: "a long enough password" })).rejects.toEqual(new AppError("NOT_FOUND"));

    await updateUserAccess(database.db, actor, { userId: created.id, role: "EXECUTIVE", siteIds: [] });
    await resetPassword(database.db, actor, { userId: created.id, password: "another long password" });
    await setUserDisabled(database.db, actor, { userId: created.id, disabled: true });
    const changed = await database.db.user.findUniqueOrThrow({ where: { id: created.id }, include: { sites: true } });
    expect(changed).toMatchObject({ role: "EXECUTIVE", disabled: true });
    expect(changed.sites).toEqual([]);
    expect("passwordHash" in changed).toBe(false);
    const actions = (await database.db.auditEvent.findMany({ where: { entityId: created.id }, orderBy: { seq: "asc" } })).map((event) => event.action);
    expect(actions).toEqual(["user.create", "user.update_access", "user.reset_password", "user.disable"]);
  });

  it("keeps one linear chain under concurrent writers, and the chain verifies", async () => {
    await Promise.all(Array.from({ length: 25 }, (_, index) => database.db.$transaction((tx) => recordAuditEvent(tx, { action: "audit.check_head", details: { index } }))));
    const events = await database.db.auditEvent.findMany({ orderBy: { seq: "asc" } });
    expect(events.map((event) => event.seq)).toEqual(events.map((_, index) => index + 1));
    expect(new Set(events.map((event) => event.prevHash)).size).toBe(events.length);
    expect((await verifyAuditChain(database.db)).firstBreak).toBeNull();
  });

  it("rolls an audit event back with the change it describes", async () => {
    const before = await database.db.auditEvent.count();
    await expect(
      database.db.$transaction(async (tx) => {
        await recordAuditEvent(tx, { action: "audit.check_head" });
        throw new Error("the change failed");
      }),
    ).rejects.toThrow("the change failed");
    expect(await database.db.auditEvent.count()).toBe(before);
  });

  it("refuses UPDATE, DELETE and TRUNCATE of audit rows", async () => {
    await expect(database.db.$executeRaw`UPDATE "AuditEvent" SET action = 'x' WHERE seq = 1`).rejects.toThrow(/append-only/);
    await expect(database.db.$executeRaw`DELETE FROM "AuditEvent" WHERE seq = 1`).rejects.toThrow(/append-only/);
    await expect(database.db.$executeRaw`TRUNCATE "AuditEvent"`).rejects.toThrow(/append-only/);
  });

  it("detects and locates a row altered behind the trigger's back", async () => {
    await database.db.$executeRaw`ALTER TABLE "AuditEvent" DISABLE TRIGGER "AuditEvent_no_update_delete"`;
    await database.db.$executeRaw`UPDATE "AuditEvent" SET "actorRole" = 'ADMIN' WHERE seq = 3`;
    await database.db.$executeRaw`ALTER TABLE "AuditEvent" ENABLE TRIGGER "AuditEvent_no_update_delete"`;
    expect((await verifyAuditChain(database.db)).firstBreak).toEqual({ seq: 3, problem: "altered" });
  });
});
