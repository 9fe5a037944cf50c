import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authenticateWithPassword, type SignInPolicy } from "@/lib/auth/authenticate-with-password";
import { createPrismaClient, type Db } from "@/lib/db/client";
import { buildUser } from "./builders";
import { createTestDatabase, testTargets, type TestDatabase } from "./test-database";

const policy: SignInPolicy = { perAddress: 6, windowSeconds: 900, maxFailures: 3, maxFailuresPerAccount: 10, lockBaseSeconds: 60, keySecret: "test-key" };
const password = "the right passphrase";
const start = Date.UTC(2026, 4, 1, 9, 0, 0);
const at = (seconds: number) => new Date(start + seconds * 1000);

describe.each(testTargets)("sign-in limits on %s", (kind) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(kind);
  });
  afterAll(() => database.drop());

  const attempt = (db: Db, email: string, secret: string, address: string | null, when: Date) => authenticateWithPassword(db, { email, password: secret }, policy, address, when);
  const signedIn = async (...args: Parameters<typeof attempt>) => (await attempt(...args)) !== null;
  const reasons = async (userId: string) =>
    (await database.db.auditEvent.findMany({ where: { action: "auth.sign_in", entityId: userId }, orderBy: { seq: "asc" } })).map((event) => (event.details as { reason?: string } | null)?.reason ?? "ok");

  it("counts failures only: right passwords from one address never use up its budget", async () => {
    const user = await buildUser(database.db, { password });
    for (let index = 0; index < policy.perAddress * 3; index++) expect(await signedIn(database.db, user.email, password, "192.0.2.1", at(index))).toBe(true);
    // Two wrong, then right, twice: 4 failures would lock the pair (3) had the success not reset it.
    for (let round = 0; round < 2; round++) {
      expect(await signedIn(database.db, user.email, "wrong", "192.0.2.2", at(100 + round))).toBe(false);
      expect(await signedIn(database.db, user.email, "wrong", "192.0.2.2", at(100 + round))).toBe(false);
      expect(await signedIn(database.db, user.email, password, "192.0.2.2", at(100 + round))).toBe(true);
    }
  });

  it("refuses an address over its window limit whatever accounts it names, until the window ends", async () => {
    const user = await buildUser(database.db, { password });
    for (let index = 0; index < policy.perAddress; index++) expect(await signedIn(database.db, `nobody.${index}@test.example`, "guess", "192.0.2.3", at(index))).toBe(false);
    // The right password from the same address is not even checked; from another it is.
    expect(await signedIn(database.db, user.email, password, "192.0.2.3", at(10))).toBe(false);
    expect(await signedIn(database.db, user.email, password, "192.0.2.4", at(10))).toBe(true);
    // The window of 900 s started at a multiple of 900 s since the epoch; the next one is clean.
    const nextWindowSeconds = 900 - ((start / 1000) % 900);
    expect(await signedIn(database.db, user.email, password, "192.0.2.3", at(nextWindowSeconds))).toBe(true);
    expect(await reasons(user.id)).toEqual(["rate_limited", "ok", "ok"]);
  });

  it("locks one address out of one account after maxFailures, doubling, while the owner elsewhere signs in", async () => {
    const user = await buildUser(database.db, { password });
    for (let index = 0; index < policy.maxFailures; index++) expect(await signedIn(database.db, user.email, `guess ${index}`, "198.51.100.7", at(0))).toBe(false);
    expect(await signedIn(database.db, user.email, password, "198.51.100.7", at(59))).toBe(false);
    expect(await signedIn(database.db, user.email, password, "203.0.113.5", at(59))).toBe(true);
    // After the lock, one more failure locks the pair for twice as long.
    expect(await signedIn(database.db, user.email, "guess 4", "198.51.100.7", at(61))).toBe(false);
    expect(await signedIn(database.db, user.email, password, "198.51.100.7", at(61 + 119))).toBe(false);
    expect(await signedIn(database.db, user.email, password, "198.51.100.7", at(61 + 121))).toBe(true);
    expect(await reasons(user.id)).toEqual(["wrong_password", "wrong_password", "wrong_password", "locked_for_address", "ok", "wrong_password", "locked_for_address", "ok"]);
    // The owner's success reset the account counter; the address's failures never locked the account.
    expect(await database.db.user.findUniqueOrThrow({ where: { id: user.id } })).toMatchObject({ failedLoginCount: 0, lockedUntil: null });
  });

  it("locks an unknown e-mail the same way, so locking reveals nothing about which accounts exist", async () => {
    const email = "never.created@test.example";
    for (let index = 0; index < policy.maxFailures; index++) expect(await signedIn(database.db, email, "guess", "198.51.100.8", at(0))).toBe(false);
    expect(await signedIn(database.db, email, "guess", "198.51.100.8", at(1))).toBe(false);
    const [latest] = await database.db.auditEvent.findMany({ where: { action: "auth.sign_in" }, orderBy: { seq: "desc" }, take: 1 });
    expect(latest).toMatchObject({ entityId: null, details: { reason: "locked_for_address" } });
  });

  it("keys clients the server could not identify together, so they are never unlimited", async () => {
    const user = await buildUser(database.db, { password });
    for (let index = 0; index < policy.perAddress; index++) expect(await signedIn(database.db, `anon.${index}@test.example`, "guess", null, at(index))).toBe(false);
    expect(await signedIn(database.db, user.email, password, null, at(10))).toBe(false);
  });

  it("keeps no address or e-mail in the table, and sweeps expired rows", async () => {
    const rows = await database.db.signInThrottle.findMany();
    expect(rows.length).toBeGreaterThan(0);
    expect(JSON.stringify(rows)).not.toMatch(/192\.0\.2|198\.51\.100|test\.example/);
    // A failure a few days later removes everything that expired meanwhile.
    await attempt(database.db, "late@test.example", "guess", "192.0.2.200", new Date(start + 5 * 24 * 3600_000));
    expect(await database.db.signInThrottle.count()).toBe(2);
  });

  // Two app instances are two connection pools on one PostgreSQL; PGlite belongs to one process by design.
  it.runIf(kind === "postgres")("is shared by two app instances on one database", async () => {
    const second = createPrismaClient(database.target);
    try {
      const user = await buildUser(database.db, { password });
      const instances = [database.db, second];
      // Failures spread over both instances, concurrently: none is lost.
      await Promise.all(Array.from({ length: policy.maxFailures }, (_, index) => attempt(instances[index % 2]!, user.email, `guess ${index}`, "198.51.100.20", at(0))));
      for (const instance of instances) expect(await signedIn(instance, user.email, password, "198.51.100.20", at(1))).toBe(false);
      await Promise.all(Array.from({ length: policy.perAddress }, (_, index) => attempt(instances[index % 2]!, `spray.${index}@test.example`, "guess", "198.51.100.21", at(0))));
      for (const instance of instances) expect(await signedIn(instance, user.email, password, "198.51.100.21", at(1))).toBe(false);
      expect(await signedIn(second, user.email, password, "198.51.100.22", at(1))).toBe(true);
    } finally {
      await second.closeDatabase();
    }
  });
});
