import type { Db } from "@/lib/db/client";
import { rebuildPocKpis } from "@/lib/kpi/kpi-rollups";

/** Rebuilds a PoC's roll-ups and returns how many scored cases with a reference its AI score histogram holds. */
export async function scoredCasesAfterRebuild(db: Db, pocId: string): Promise<number> {
  await db.$transaction((tx) => rebuildPocKpis(tx, pocId));
  const bins = await db.kpiScoreBin.findMany({ where: { pocId } });
  return bins.reduce((total, bin) => total + bin.cases, 0);
}
