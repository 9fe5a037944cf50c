// npm run kpi:verify: checks every PoC's KPI roll-ups against a rebuild from its cases, read-only;
// exit 1 when any differ. `-- --repair` rebuilds the PoCs that differ. On PGlite, stop the server first.
import { configuredDatabaseTarget, describeTarget } from "@/lib/db/adapter";
import { createPrismaClient } from "@/lib/db/client";
import { rebuildPocKpis, rebuildTimeoutMs } from "@/lib/kpi/kpi-rollups";
import { findKpiRollupDrift } from "@/lib/kpi/verify-kpi-rollups";

const repair = process.argv.includes("--repair");
const target = configuredDatabaseTarget();
const db = createPrismaClient(target);
try {
  const pocs = await db.poc.findMany({ orderBy: { createdAt: "asc" }, select: { id: true, title: true, _count: { select: { cases: true } } } });
  console.log(`${describeTarget(target)}: checking the KPI roll-ups of ${pocs.length} PoCs against a rebuild`);
  let drifting = 0;
  for (const poc of pocs) {
    const { rows, drifted } = await findKpiRollupDrift(db, poc.id);
    const label = `${poc.title} (${poc._count.cases.toLocaleString("en")} cases)`;
    if (drifted.length === 0) {
      console.log(`✔ ${label}: ${rows} roll-up rows equal a rebuild`);
      continue;
    }
    drifting += 1;
    console.log(`✖ ${label}: ${drifted.length} roll-up rows differ from a rebuild`);
    if (repair) {
      await db.$transaction((tx) => rebuildPocKpis(tx, poc.id), { timeout: rebuildTimeoutMs });
      console.log("  rebuilt");
    }
  }
  process.exitCode = drifting > 0 && !repair ? 1 : 0;
} catch (error) {
  console.error("Verification failed:", error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  await db.closeDatabase();
  process.exit();
}
