import "server-only";
import type { CurrentUser } from "@/lib/auth/current-user";
import { db } from "@/lib/db/client";
import { getKpiDashboard } from "@/lib/kpi/get-kpi-dashboard";
import { buildRoiView } from "@/lib/roi/build-roi-view";
import { deriveMeasuredRoiInputs } from "@/lib/roi/derive-measured-inputs";
import { ensureRoiScenarios } from "@/lib/roi/manage-roi-scenarios";

/** KPIs, breakdowns and ROI of one PoC for the signed-in viewer (scenarios are created on first open). */
export async function loadPocDashboard(user: CurrentUser, pocId: string) {
  const kpiDashboard = await getKpiDashboard(db(), user, pocId);
  const scenarios = await ensureRoiScenarios(db(), user, pocId);
  const measured = deriveMeasuredRoiInputs(kpiDashboard.kpis);
  return { ...kpiDashboard, scenarios, measured, roi: buildRoiView(scenarios, measured) };
}
export type PocDashboard = Awaited<ReturnType<typeof loadPocDashboard>>;
