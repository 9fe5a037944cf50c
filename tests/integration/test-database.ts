import { randomBytes } from "node:crypto";
import pg from "pg";
import { createPrismaClient, type Db } from "@/lib/db/client";
import { postgresDatabaseUrl, type DatabaseTarget } from "@/lib/db/adapter";
import { applyMigrations } from "@/lib/db/schema-engine";

/** PGlite always; PostgreSQL too when TEST_POSTGRES_URL names a server where we may create databases. */
export const testTargets: ("pglite" | "postgres")[] = process.env.TEST_POSTGRES_URL ? ["pglite", "postgres"] : ["pglite"];

export type TestDatabase = { db: Db; target: DatabaseTarget; drop: () => Promise<void> };

/** A fresh, migrated database of its own for one test file; drop() removes it. */
export async function createTestDatabase(kind: "pglite" | "postgres"): Promise<TestDatabase> {
  let target: DatabaseTarget;
  let dropDatabase = async () => {};
  if (kind === "pglite") {
    target = { kind: "pglite", dataDir: "memory://" };
  } else {
    const adminUrl = process.env.TEST_POSTGRES_URL!;
    const name = `mmfm_test_${randomBytes(6).toString("hex")}`;
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    target = { kind: "postgres", url: postgresDatabaseUrl(adminUrl, name) };
    dropDatabase = async () => {
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    };
  }
  const db = createPrismaClient(target);
  await applyMigrations(db.adapterFactory);
  return {
    db,
    target,
    drop: async () => {
      await db.closeDatabase();
      await dropDatabase();
    },
  };
}
