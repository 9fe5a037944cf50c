import "server-only";
import type { Db, Tx } from "@/lib/db/client";
import { lockPocKpis, rebuildPocKpis, rebuildTimeoutMs } from "./kpi-rollups";

/** Every non-empty roll-up row of a PoC, as comparable text (a row that went back to zero counts as absent). */
async function rollupRows(tx: Tx, pocId: string) {
  const where = { pocId };
  const tables = {
    KpiReadCell: (await tx.kpiReadCell.findMany({ where })).filter((row) => row.reads !== 0),
    KpiReadGroup: (await tx.kpiReadGroup.findMany({ where })).filter((row) => row.reads !== 0),
    KpiTimeBin: (await tx.kpiTimeBin.findMany({ where })).filter((row) => row.count !== 0),
    KpiScoreBin: (await tx.kpiScoreBin.findMany({ where })).filter((row) => row.cases !== 0),
    KpiFairnessCell: (await tx.kpiFairnessCell.findMany({ where })).filter((row) => row.cases !== 0),
    KpiOutcomeCell: (await tx.kpiOutcomeCell.findMany({ where })).filter((row) => row.cases !== 0),
  };
  return new Set(Object.entries(tables).flatMap(([table, rows]) => rows.map((row) => JSON.stringify({ table, ...row }))));
}

class RolledBack extends Error {}

/**
 * Compares a PoC's incrementally maintained roll-ups with a rebuild from its cases, under the PoC's
 * lock, and rolls the rebuild back: read-only. Returns the rows that differ (either side).
 */
export async function findKpiRollupDrift(db: Db, pocId: string): Promise<{ rows: number; drifted: string[] }> {
  let result = { rows: 0, drifted: [] as string[] };
  try {
    await db.$transaction(async (tx) => {
      await lockPocKpis(tx, pocId);
      const kept = await rollupRows(tx, pocId);
      await rebuildPocKpis(tx, pocId);
      const rebuilt = await rollupRows(tx, pocId);
      result = { rows: rebuilt.size, drifted: [...[...kept].filter((row) => !rebuilt.has(row)), ...[...rebuilt].filter((row) => !kept.has(row))] };
      throw new RolledBack();
    }, { timeout: rebuildTimeoutMs });
  } catch (error) {
    if (!(error instanceof RolledBack)) throw error;
  }
  return result;
}
