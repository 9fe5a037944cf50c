import { cp, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "@/lib/db/adapter";
import { applyMigrations, createMigration, defaultMigrationPaths } from "@/lib/db/schema-engine";
import { createTestDatabase, testTargets, type TestDatabase } from "./test-database";

describe.each(testTargets)("migrations on %s", (kind) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(kind);
  });
  afterAll(() => database.drop());

  it("records every migration folder in _prisma_migrations and is idempotent", async () => {
    const folders = (await readdir(defaultMigrationPaths().migrationsDir, { withFileTypes: true })).filter((entry) => entry.isDirectory()).map((entry) => entry.name);
    const recorded = await database.db.$queryRaw<{ migration_name: string; finished_at: Date | null }[]>`SELECT migration_name, finished_at FROM _prisma_migrations ORDER BY migration_name`;
    expect(recorded.map((row) => row.migration_name)).toEqual(folders.sort());
    expect(recorded.every((row) => row.finished_at !== null)).toBe(true);
    expect(await applyMigrations(database.db.adapterFactory)).toEqual([]);
  });

  it("creates the whole domain", async () => {
    const tables = await database.db.$queryRaw<{ table_name: string }[]>`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'`;
    const names = tables.map((row) => row.table_name);
    for (const table of ["Site", "User", "ModelVersion", "Poc", "KpiTarget", "Case", "CaseImage", "Inference", "Read", "Outcome", "RoiScenario", "ChecklistItem", "Evidence", "SignOff", "AuditEvent"]) {
      expect(names).toContain(table);
    }
  });
});

describe("offline migration tooling", () => {
  let workDir: string;
  beforeAll(async () => {
    workDir = await mkdtemp(path.join(os.tmpdir(), "mmfm-migrations-"));
    await cp(path.resolve("prisma"), workDir, { recursive: true });
  });
  afterAll(() => rm(workDir, { recursive: true, force: true }));

  // Two diffs, each replaying every migration into an in-memory PGlite: minutes on a loaded 2-core machine.
  it("writes a new migration folder for a schema edit, and nothing when the schema is unchanged", { timeout: 10 * 60_000 }, async () => {
    const paths = { schemaFile: path.join(workDir, "schema.prisma"), migrationsDir: path.join(workDir, "migrations") };
    const shadow = openDatabase({ kind: "pglite", dataDir: "memory://" });
    try {
      expect(await createMigration(shadow.factory, "nothing", paths)).toBeNull();
      await writeFile(paths.schemaFile, `${await readFile(paths.schemaFile, "utf8")}\nmodel Widget {\n  id   Int    @id\n  name String\n}\n`);
      const folder = await createMigration(shadow.factory, "add_widget", paths);
      expect(folder).toMatch(/\d{14}_add_widget$/);
      expect(await readFile(path.join(folder!, "migration.sql"), "utf8")).toContain('CREATE TABLE "Widget"');
    } finally {
      await shadow.close();
    }
  });

  it("does not record a failing migration as applied (PGlite adapter awaits its scripts)", async () => {
    const migrationsDir = path.join(workDir, "broken-migrations");
    await cp(defaultMigrationPaths().migrationsDir, migrationsDir, { recursive: true });
    await cp(path.join(migrationsDir, (await readdir(migrationsDir)).find((name) => /^\d/.test(name))!), path.join(migrationsDir, "29990101000000_broken"), { recursive: true });
    await writeFile(path.join(migrationsDir, "29990101000000_broken", "migration.sql"), 'ALTER TABLE "NoSuchTable" ADD COLUMN x INT;');
    const database = openDatabase({ kind: "pglite", dataDir: "memory://" });
    try {
      await expect(applyMigrations(database.factory, { schemaFile: path.resolve("prisma/schema.prisma"), migrationsDir })).rejects.toThrow();
      const client = (await database.factory.connect());
      const result = await client.queryRaw({ sql: "SELECT migration_name, finished_at FROM _prisma_migrations WHERE migration_name = '29990101000000_broken'", args: [], argTypes: [] });
      expect(result.rows.every((row) => row[1] === null)).toBe(true);
    } finally {
      await database.close();
    }
  });
});
