import { expect } from "vitest";
import type { Db } from "@/lib/db/client";
import { rebuildPocKpis } from "@/lib/kpi/kpi-rollups";

/** Every non-empty roll-up row of a PoC, as comparable text. */
async function rollupRows(db: Db, pocId: string) {
  const where = { pocId };
  const rows = [
    ...(await db.kpiReadCell.findMany({ where })).filter((row) => row.reads !== 0).map((row) => ({ table: "read", ...row })),
    ...(await db.kpiReadGroup.findMany({ where })).filter((row) => row.reads !== 0).map((row) => ({ table: "group", ...row })),
    ...(await db.kpiTimeBin.findMany({ where })).filter((row) => row.count !== 0).map((row) => ({ table: "time", ...row })),
    ...(await db.kpiScoreBin.findMany({ where })).filter((row) => row.cases !== 0).map((row) => ({ table: "score", ...row })),
    ...(await db.kpiFairnessCell.findMany({ where })).filter((row) => row.cases !== 0).map((row) => ({ table: "fairness", ...row })),
    ...(await db.kpiOutcomeCell.findMany({ where })).filter((row) => row.cases !== 0).map((row) => ({ table: "outcome", ...row })),
  ];
  return rows.map((row) => JSON.stringify(row)).sort();
}

/** The incremental roll-ups must equal a rebuild from the cases, row for row. */
export async function expectRollupsToMatchRebuild(db: Db, pocId: string) {
  const incremental = await rollupRows(db, pocId);
  await db.$transaction((tx) => rebuildPocKpis(tx, pocId));
  expect(incremental).toEqual(await rollupRows(db, pocId));
  return incremental.length;
}
