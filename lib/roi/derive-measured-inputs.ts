import type { KpiResult } from "@/lib/kpi/compute-kpis";
import type { MeasuredInput, MeasuredRoiInputs } from "./schema";

/** A per-case benefit is minus a measured difference, so the interval's ends swap. */
function negated(kpi: KpiResult | undefined, scale = 1): MeasuredInput | null {
  if (!kpi || kpi.estimate === null || kpi.lower === null || kpi.upper === null) return null;
  return { estimate: -kpi.estimate * scale, lower: -kpi.upper * scale, upper: -kpi.lower * scale, n: kpi.n };
}

/** The ROI inputs that come from the PoC's own measurements, with their 95% intervals. */
export function deriveMeasuredRoiInputs(kpis: KpiResult[]): MeasuredRoiInputs {
  const find = (key: KpiResult["key"]) => kpis.find((kpi) => kpi.key === key);
  const unaided = find("discrepancyRateUnaided");
  const aided = find("discrepancyRateAided");
  let missed: MeasuredInput | null = null;
  if (unaided?.estimate != null && aided?.estimate != null && unaided.lower != null && unaided.upper != null && aided.lower != null && aided.upper != null) {
    // Discrepancies avoided per case = unaided − aided rate; half-widths combined in quadrature (independent arms).
    const estimate = unaided.estimate - aided.estimate;
    const halfWidth = Math.hypot((unaided.upper - unaided.lower) / 2, (aided.upper - aided.lower) / 2);
    missed = { estimate, lower: estimate - halfWidth, upper: estimate + halfWidth, n: unaided.n + aided.n };
  }
  return {
    hoursSavedPerCase: negated(find("readingTimeMedianDifferenceMs"), 1 / 3_600_000),
    repeatExamsAvoidedPerCase: negated(find("repeatExamRateDifference")),
    missedDiagnosesAvoidedPerCase: missed,
  };
}
