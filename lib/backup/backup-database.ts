import { execFile } from "node:child_process";
import { cp, mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { verifyAuditChain } from "@/lib/audit/verify-audit-chain";
import type { DatabaseTarget } from "@/lib/db/adapter";
import { createPrismaClient, type Db } from "@/lib/db/client";
import { Prisma } from "@/lib/db/generated/client";

const run = promisify(execFile);

/** What a backup folder holds besides the data: enough to check a restore without the original. */
export type BackupManifest = { format: "mmfm-backup-1"; kind: DatabaseTarget["kind"]; createdAt: string; tableCounts: Record<string, number>; auditHead: { seq: number; hash: string } | null };

const databaseFileName = { postgres: "database.dump", pglite: "pglite-datadir" } as const;

/** Row count of every Prisma model, by model name. */
export async function countTables(db: Db): Promise<Record<string, number>> {
  const delegates = db as unknown as Record<string, { count: () => Promise<number> }>;
  const counts: Record<string, number> = {};
  for (const model of Object.values(Prisma.ModelName)) counts[model] = await delegates[model.charAt(0).toLowerCase() + model.slice(1)]!.count();
  return counts;
}

async function describeDatabase(target: DatabaseTarget): Promise<Omit<BackupManifest, "format" | "kind" | "createdAt">> {
  const db = createPrismaClient(target);
  try {
    const verification = await verifyAuditChain(db);
    if (verification.firstBreak) throw new Error(`the audit chain is broken at seq ${verification.firstBreak.seq}`);
    return { tableCounts: await countTables(db), auditHead: verification.head };
  } finally {
    await db.closeDatabase();
  }
}

/**
 * Writes `<folder>/database.dump` (pg_dump -Fc) or `<folder>/pglite-datadir/` (a copy of the stopped
 * PGlite data directory), a copy of the storage folder and manifest.json. For PGlite the server must be
 * stopped: two processes on one data directory lose writes, and a running one may be mid-write.
 */
export async function backupDatabase(options: { target: DatabaseTarget; storageDir: string; folder: string }): Promise<BackupManifest> {
  await mkdir(options.folder, { recursive: true });
  if ((await readdir(options.folder)).length > 0) throw new Error(`${options.folder} is not empty`);
  const databaseFile = path.join(options.folder, databaseFileName[options.target.kind]);
  const description = await describeDatabase(options.target);
  if (options.target.kind === "postgres") {
    await run("pg_dump", ["--format=custom", "--no-owner", "--no-privileges", `--file=${databaseFile}`, options.target.url]);
  } else {
    // PGlite 0.5's dumpDataDir() hung when a second instance was opened in the same process (seen in
    // the integration test); a closed data directory is a consistent PostgreSQL cluster, so copy it.
    await cp(options.target.dataDir, databaseFile, { recursive: true, errorOnExist: true, force: false });
  }
  // Content-addressed blobs never change once written, so copying after the dump misses nothing the dump references.
  await cp(options.storageDir, path.join(options.folder, "storage"), { recursive: true, errorOnExist: false }).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== "ENOENT") throw error;
  });
  const manifest: BackupManifest = { format: "mmfm-backup-1", kind: options.target.kind, createdAt: new Date().toISOString(), ...description };
  await writeFile(path.join(options.folder, "manifest.json"), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

export type RestoreCheck = { manifest: BackupManifest; tableCounts: Record<string, number>; countsMatch: boolean; auditHeadMatches: boolean };

/**
 * Restores a backup folder into an empty target (a new PostgreSQL database, or a PGlite data directory
 * that does not exist yet) and an empty storage folder, then checks every table count and the audit
 * chain (verifyAuditChain, as `npm run audit:verify`) against the manifest.
 */
export async function restoreDatabase(options: { target: DatabaseTarget; storageDir: string; folder: string }): Promise<RestoreCheck> {
  const manifest = JSON.parse(await readFile(path.join(options.folder, "manifest.json"), "utf8")) as BackupManifest;
  if (manifest.kind !== options.target.kind) throw new Error(`the backup is of ${manifest.kind}, the target is ${options.target.kind}`);
  const databaseFile = path.join(options.folder, databaseFileName[manifest.kind]);
  if (options.target.kind === "postgres") {
    await run("pg_restore", ["--no-owner", "--no-privileges", "--exit-on-error", `--dbname=${options.target.url}`, databaseFile]);
  } else {
    const existing = await readdir(options.target.dataDir).catch(() => []);
    if (existing.length > 0) throw new Error(`${options.target.dataDir} is not empty: restore into a new directory`);
    await cp(databaseFile, options.target.dataDir, { recursive: true, errorOnExist: true, force: false });
  }
  await cp(path.join(options.folder, "storage"), options.storageDir, { recursive: true, errorOnExist: true, force: false }).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== "ENOENT") throw error;
  });
  const restored = await describeDatabase(options.target);
  const countsMatch = JSON.stringify(restored.tableCounts) === JSON.stringify(manifest.tableCounts);
  const auditHeadMatches = JSON.stringify(restored.auditHead) === JSON.stringify(manifest.auditHead);
  return { manifest, tableCounts: restored.tableCounts, countsMatch, auditHeadMatches };
}
