import { mkdirSync } from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import type { SqlDriverAdapter, SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { resolveDataPath, serverEnv } from "@/lib/config/env";

/** Where the data lives: a postgres:// URL, or a PGlite data directory ("memory://" for tests). */
export type DatabaseTarget = { kind: "postgres"; url: string } | { kind: "pglite"; dataDir: string };

export type OpenDatabase = { target: DatabaseTarget; factory: SqlMigrationAwareDriverAdapterFactory; close: () => Promise<void> };

// The one place that decides which database the app talks to.
export function configuredDatabaseTarget(): DatabaseTarget {
  const env = serverEnv();
  if (env.DATABASE_URL) return { kind: "postgres", url: env.DATABASE_URL };
  return { kind: "pglite", dataDir: resolveDataPath(env.PGLITE_DATA_DIR) };
}

/** The URL of another database on the same PostgreSQL server (same host, port and credentials). */
export function postgresDatabaseUrl(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

export function describeTarget(target: DatabaseTarget): string {
  if (target.kind === "pglite") return `PGlite (${target.dataDir})`;
  const url = new URL(target.url);
  return `PostgreSQL (${url.hostname}:${url.port || 5432}${url.pathname})`;
}

export function openDatabase(target: DatabaseTarget): OpenDatabase {
  if (target.kind === "postgres") {
    const pool = new pg.Pool({ connectionString: target.url, max: Number(process.env.DATABASE_POOL_SIZE ?? 10) });
    // An idle connection the server ends (restart, a dropped database) is removed from the pool; without a
    // listener its error would be an uncaught exception that takes the whole process down.
    pool.on("error", (error) => console.error(`[db] idle connection closed by the server: ${(error as { code?: string }).code ?? error.name}`));
    return { target, factory: postgresFactory(pool), close: () => pool.end() };
  }
  if (!target.dataDir.startsWith("memory://")) mkdirSync(target.dataDir, { recursive: true });
  const client = new PGlite(target.dataDir);
  return { target, factory: pgliteFactory(client), close: () => client.close() };
}

// pglite-prisma-adapter 0.7.2 does not await exec() in executeScript, so a failing migration would be
// recorded as applied; this factory awaits it and lets the error reach the schema engine.
function pgliteFactory(client: PGlite): SqlMigrationAwareDriverAdapterFactory {
  const base = new PrismaPGlite(client);
  return {
    provider: base.provider,
    adapterName: base.adapterName,
    connect: async () => awaitScripts(await base.connect(), client),
    connectToShadowDb: connectMemoryShadow,
  };
}

async function connectMemoryShadow(): Promise<SqlDriverAdapter> {
  const shadow = new PGlite();
  return awaitScripts(await new PrismaPGlite(shadow).connect(), shadow, () => shadow.close());
}

function awaitScripts(adapter: SqlDriverAdapter, client: PGlite, onDispose?: () => Promise<void>): SqlDriverAdapter {
  return Object.assign(adapter, {
    executeScript: async (script: string) => {
      await client.exec(script);
    },
    dispose: async () => {
      await onDispose?.();
    },
  });
}

// PrismaPg splits scripts on every ";" (breaking function bodies) and runs the pieces outside a
// transaction; one simple-protocol query runs a migration whole and atomically. Its own shadow
// database is unusable here (it drops the database before closing its pool), so diffs use PGlite.
function postgresFactory(pool: pg.Pool): SqlMigrationAwareDriverAdapterFactory {
  const base = new PrismaPg(pool);
  return {
    provider: base.provider,
    adapterName: base.adapterName,
    connect: async () =>
      Object.assign(await base.connect(), {
        executeScript: async (script: string) => {
          await pool.query(script);
        },
      }),
    connectToShadowDb: connectMemoryShadow,
  };
}
