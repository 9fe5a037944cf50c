// npm run db:migrate: applies pending migrations to the configured database (DATABASE_URL, or PGlite),
// then builds the KPI roll-ups of any PoC that lacks current ones (after an upgrade that changed
// their definition), so the first dashboard view after a deploy does not pay for it.
// With PGlite, stop the server first: two processes on one data directory lose writes.
import { configuredDatabaseTarget, describeTarget, openDatabase } from "@/lib/db/adapter";
import { createPrismaClient } from "@/lib/db/client";
import { applyMigrations } from "@/lib/db/schema-engine";
import { ensureKpiRollupsCurrent } from "@/lib/kpi/kpi-rollups";

const target = configuredDatabaseTarget();
try {
  const database = openDatabase(target);
  try {
    const applied = await applyMigrations(database.factory);
    console.log(`${describeTarget(target)}: ${applied.length ? `applied ${applied.join(", ")}` : "already up to date"}`);
  } finally {
    await database.close();
  }
  const db = createPrismaClient(target);
  try {
    const pocs = await db.poc.findMany({ select: { id: true, title: true, _count: { select: { cases: true } } } });
    const titles = new Map(pocs.map((poc) => [poc.id, `${poc.title} (${poc._count.cases.toLocaleString("en")} cases)`]));
    await ensureKpiRollupsCurrent(db, pocs.map((poc) => poc.id), (pocId) => console.log(`Building KPI roll-ups: ${titles.get(pocId)}…`));
  } finally {
    await db.closeDatabase();
  }
} catch (error) {
  console.error("Migration failed:", error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  process.exit();
}
