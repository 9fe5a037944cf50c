import type { KpiResult } from "@/lib/kpi/compute-kpis";
import type { buildRoiView } from "@/lib/roi/build-roi-view";

type RoiView = ReturnType<typeof buildRoiView>;
import type { MeasuredRoiInputs } from "@/lib/roi/schema";

/** P(NPV > 0) at or above which the one-pager says "likely pays off", and at or below which "unlikely". */
const payoffLikely = 0.8;
const payoffUnlikely = 0.2;

export type PayoffVerdict = "likely" | "uncertain" | "unlikely" | "unknown";

export function payoffVerdict(probabilityNpvPositive: number | null): PayoffVerdict {
  if (probabilityNpvPositive === null) return "unknown";
  if (probabilityNpvPositive >= payoffLikely) return "likely";
  if (probabilityNpvPositive <= payoffUnlikely) return "unlikely";
  return "uncertain";
}

type OnePagerInput = { kpis: KpiResult[]; roi: RoiView; measured: MeasuredRoiInputs; primaryKpi: string | null };

/**
 * What an executive reads in ten seconds: the KPIs that carry a target (primary first) with their
 * verdict, the ROI range and whether it pays off, the inputs that move the NPV most, and what is not
 * settled yet with the cases that would settle it. No number is invented: missing ones stay null.
 */
export function buildOnePager({ kpis, roi, measured, primaryKpi }: OnePagerInput) {
  const targeted = kpis.filter((kpi) => kpi.target !== null).sort((a, b) => Number(b.key === primaryKpi) - Number(a.key === primaryKpi));
  // Without a measured benefit the ROI range only restates the costs: no payoff verdict then.
  const hasMeasuredBenefit = measured.hoursSavedPerCase !== null;
  const distribution = hasMeasuredBenefit ? roi.distribution : null;
  const base = roi.base?.result ?? null;
  return {
    tiles: targeted.map((kpi) => ({ kpi, primary: kpi.key === primaryKpi })),
    roi: {
      npvP5Jpy: distribution?.npvJpy.p5 ?? null,
      npvP50Jpy: distribution?.npvJpy.p50 ?? null,
      npvP95Jpy: distribution?.npvJpy.p95 ?? null,
      probabilityNpvPositive: distribution?.probabilityNpvPositive ?? null,
      baseNpvJpy: hasMeasuredBenefit && base ? base.npvJpy : null,
      paybackMonth: hasMeasuredBenefit && base ? base.paybackMonth : null,
      // What each case costs over the horizon (licence, hosting, one-off and governance), benefit aside.
      costPerCaseJpy: base ? costPerCase(base) : null,
      verdict: payoffVerdict(distribution?.probabilityNpvPositive ?? null),
    },
    drivers: hasMeasuredBenefit ? [...roi.tornado].sort((a, b) => b.swingJpy - a.swingJpy).slice(0, 3) : [],
    unsettled: targeted
      .filter((kpi) => kpi.status === "inconclusive" || kpi.status === "noData")
      .map((kpi) => ({ key: kpi.key, status: kpi.status, additionalN: kpi.additionalN })),
    met: targeted.filter((kpi) => kpi.status === "pass").length,
    missed: targeted.filter((kpi) => kpi.status === "fail").length,
  };
}

function costPerCase(result: { totalCostJpy: number; cashFlows: { volume: number }[] }): number | null {
  const cases = result.cashFlows.reduce((total, year) => total + year.volume, 0);
  return cases > 0 ? result.totalCostJpy / cases : null;
}
