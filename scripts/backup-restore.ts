// npm run backup:pg -- <folder>       pg_dump -Fc of DATABASE_URL + the storage folder + manifest.json
// npm run restore:pg -- <folder>      pg_restore into DATABASE_URL (an empty database), storage into STORAGE_DIR
// npm run backup:pglite -- <folder>   PGlite dumpDataDir of PGLITE_DATA_DIR (server stopped) + storage
// npm run restore:pglite -- <folder>  into a new PGLITE_DATA_DIR and an empty STORAGE_DIR
// Every restore checks the table counts and the audit chain against the backup's manifest (exit code 1 if not).
import { backupDatabase, restoreDatabase } from "@/lib/backup/backup-database";
import { resolveDataPath, serverEnv } from "@/lib/config/env";
import { configuredDatabaseTarget, describeTarget } from "@/lib/db/adapter";

const [operation, kind, folder] = process.argv.slice(2);
if (!["backup", "restore"].includes(operation ?? "") || !["postgres", "pglite"].includes(kind ?? "") || !folder) {
  console.error("usage: tsx scripts/backup-restore.ts <backup|restore> <postgres|pglite> <folder>");
  process.exit(2);
}
const target = configuredDatabaseTarget();
if (target.kind !== kind) {
  console.error(`✖ ${kind} asked for, but the configuration names ${describeTarget(target)}: set ${kind === "postgres" ? "DATABASE_URL" : "PGLITE_DATA_DIR and an empty DATABASE_URL"}.`);
  process.exit(2);
}
const storageDir = resolveDataPath(serverEnv().STORAGE_DIR);

try {
  if (operation === "backup") {
    const started = Date.now();
    const manifest = await backupDatabase({ target, storageDir, folder: resolveDataPath(folder) });
    const rows = Object.values(manifest.tableCounts).reduce((sum, count) => sum + count, 0);
    console.log(`✔ Backed up ${describeTarget(target)}: ${rows} rows in ${Object.keys(manifest.tableCounts).length} tables, audit head seq ${manifest.auditHead?.seq ?? 0}, in ${Date.now() - started} ms → ${folder}`);
  } else {
    const started = Date.now();
    const check = await restoreDatabase({ target, storageDir, folder: resolveDataPath(folder) });
    for (const [table, count] of Object.entries(check.tableCounts)) {
      if (check.manifest.tableCounts[table] !== count) console.error(`  ${table}: ${count} rows, backup had ${check.manifest.tableCounts[table]}`);
    }
    if (check.countsMatch && check.auditHeadMatches) console.log(`✔ Restored into ${describeTarget(target)} in ${Date.now() - started} ms: table counts match, audit chain verifies up to seq ${check.manifest.auditHead?.seq ?? 0}.`);
    else {
      console.error(`✖ Restore check failed: counts ${check.countsMatch ? "match" : "differ"}, audit head ${check.auditHeadMatches ? "matches" : "differs"}.`);
      process.exitCode = 1;
    }
  }
} catch (error) {
  console.error(`✖ ${operation} failed: ${error instanceof Error ? error.message : error}`);
  process.exitCode = 1;
} finally {
  // Prisma's engine and PGlite may leave handles open.
  process.exit();
}
