import { PrismaClient } from "@/lib/db/generated/client";
import { configuredDatabaseTarget, openDatabase, type DatabaseTarget } from "@/lib/db/adapter";

// Secrets never load unless a query asks for them explicitly (omit: { passwordHash: false }).
const omitSecrets = { user: { passwordHash: true, totpSecret: true, recoveryCodeHashes: true } } as const;

export function createPrismaClient(target: DatabaseTarget) {
  const database = openDatabase(target);
  const prisma = new PrismaClient({ adapter: database.factory, omit: omitSecrets });
  const close = async () => {
    await prisma.$disconnect();
    await database.close();
  };
  // The adapter factory is exposed for migrating the very same (possibly in-memory) database.
  return Object.assign(prisma, { closeDatabase: close, adapterFactory: database.factory });
}

export type Db = ReturnType<typeof createPrismaClient>;
/** The client inside `db.$transaction(async (tx) => ...)`. */
export type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

const holder = globalThis as unknown as { __portalDb?: Db };

/**
 * The process-wide client, opened on first use (never at import time, so `next build` touches no
 * database). PGlite allows one process per data directory: the server owns it while it runs.
 */
export function db(): Db {
  holder.__portalDb ??= createPrismaClient(configuredDatabaseTarget());
  return holder.__portalDb;
}

