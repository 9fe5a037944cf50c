import { randomBytes } from "node:crypto";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { backupDatabase, countTables, restoreDatabase } from "@/lib/backup/backup-database";
import { postgresDatabaseUrl, type DatabaseTarget } from "@/lib/db/adapter";
import { createPrismaClient } from "@/lib/db/client";
import { applyMigrations } from "@/lib/db/schema-engine";
import { buildSite, buildUser } from "./builders";
import { testTargets } from "./test-database";

const workDir = path.resolve(".tmp", `backup-test-${randomBytes(4).toString("hex")}`);
const createdDatabases: string[] = [];

const postgresUrl = (name: string) => postgresDatabaseUrl(process.env.TEST_POSTGRES_URL!, name);

async function adminQuery(sql: string) {
  const client = new pg.Client({ connectionString: process.env.TEST_POSTGRES_URL });
  await client.connect();
  await client.query(sql);
  await client.end();
}

/** A new, empty place for the data: a PostgreSQL database or a PGlite directory that does not exist yet. */
async function freshTarget(kind: "pglite" | "postgres", label: string): Promise<DatabaseTarget> {
  if (kind === "pglite") return { kind, dataDir: path.join(workDir, `${label}-pglite`) };
  const name = `mmfm_backup_${label}_${randomBytes(4).toString("hex")}`;
  await adminQuery(`CREATE DATABASE ${name}`);
  createdDatabases.push(name);
  return { kind, url: postgresUrl(name) };
}

afterAll(async () => {
  for (const name of createdDatabases) await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await rm(workDir, { recursive: true, force: true });
});

describe.each(testTargets)("backup and restore on %s", (kind) => {
  it("restores into a fresh database: same table counts, the audit chain verifies, storage files come back", async () => {
    const source = await freshTarget(kind, "source");
    const db = createPrismaClient(source);
    await applyMigrations(db.adapterFactory);
    const site = await buildSite(db);
    for (let index = 0; index < 3; index++) await buildUser(db, { siteIds: [site.id] });
    for (let index = 0; index < 20; index++) await db.$transaction((tx) => recordAuditEvent(tx, { action: "audit.check_head", details: { index } }));
    const sourceCounts = await countTables(db);
    await db.closeDatabase();
    const storageDir = path.join(workDir, `${kind}-storage`);
    await mkdir(path.join(storageDir, "images", "ab"), { recursive: true });
    await writeFile(path.join(storageDir, "images", "ab", "abc.png"), "image bytes");

    const folder = path.join(workDir, `${kind}-backup`);
    const manifest = await backupDatabase({ target: source, storageDir, folder });
    expect(manifest.tableCounts).toEqual(sourceCounts);
    expect(manifest.auditHead?.seq).toBe(20);

    const restoredStorage = path.join(workDir, `${kind}-restored-storage`);
    const check = await restoreDatabase({ target: await freshTarget(kind, "restored"), storageDir: restoredStorage, folder });
    expect(check.tableCounts).toEqual(sourceCounts);
    expect(check.countsMatch).toBe(true);
    expect(check.auditHeadMatches).toBe(true);
    expect(check.tableCounts.User).toBe(3);
    expect(await readFile(path.join(restoredStorage, "images", "ab", "abc.png"), "utf8")).toBe("image bytes");

    // A restore never overwrites: the same PGlite directory or a non-empty database is refused.
    if (kind === "pglite") await expect(restoreDatabase({ target: source, storageDir: path.join(workDir, "other"), folder })).rejects.toThrow(/not empty/);
  }, 240_000);
});
