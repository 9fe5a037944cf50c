import { expect } from "vitest";
import type { Db } from "@/lib/db/client";
import { findKpiRollupDrift } from "@/lib/kpi/verify-kpi-rollups";

/** The incremental roll-ups must equal a rebuild from the cases, row for row. */
export async function expectRollupsToMatchRebuild(db: Db, pocId: string) {
  const { rows, drifted } = await findKpiRollupDrift(db, pocId);
  expect(drifted).toEqual([]);
  return rows;
}
