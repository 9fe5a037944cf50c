// npm run db:migrate: applies pending migrations to the configured database (DATABASE_URL, or PGlite).
// With PGlite, stop the server first: two processes on one data directory lose writes.
import { configuredDatabaseTarget, describeTarget, openDatabase } from "@/lib/db/adapter";
import { applyMigrations } from "@/lib/db/schema-engine";

const target = configuredDatabaseTarget();
const database = openDatabase(target);
try {
  const applied = await applyMigrations(database.factory);
  console.log(`${describeTarget(target)}: ${applied.length ? `applied ${applied.join(", ")}` : "already up to date"}`);
} catch (error) {
  console.error("Migration failed:", error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  await database.close();
  process.exit();
}
