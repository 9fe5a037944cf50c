import type { KpiResult } from "@/lib/kpi/compute-kpis";
import type { MeasuredInput, MeasuredRoiInputs } from "./schema";

/** Measured precisely: estimable, and the 95% CI no wider than the pre-registered precision. */
function precise(kpi: KpiResult | undefined): kpi is KpiResult & { estimate: number; lower: number; upper: number } {
  return !!kpi && kpi.estimable && kpi.estimate !== null && kpi.lower !== null && kpi.upper !== null && (kpi.upper - kpi.lower) / 2 <= kpi.precisionHalfWidth;
}

/** A per-case benefit is minus a measured difference, so the interval's ends swap. */
function negated(kpi: KpiResult | undefined, scale = 1): MeasuredInput | null {
  if (!precise(kpi)) return null;
  return { estimate: -kpi.estimate * scale, lower: -kpi.upper * scale, upper: -kpi.lower * scale, n: kpi.n, source: "measured" };
}

/**
 * The ROI inputs the PoC has measured precisely, with their 95% intervals; null where it has not yet (the
 * scenario's assumed range stands in: lib/roi/resolve-benefit-inputs.ts), never a zero-width measured value.
 */
export function deriveMeasuredRoiInputs(kpis: KpiResult[]): MeasuredRoiInputs {
  const find = (key: KpiResult["key"]) => kpis.find((kpi) => kpi.key === key);
  const unaided = find("discrepancyRateUnaided");
  const aided = find("discrepancyRateAided");
  let missed: MeasuredInput | null = null;
  if (precise(unaided) && precise(aided)) {
    // Discrepancies avoided per case = unaided − aided rate; half-widths combined in quadrature (independent arms).
    const estimate = unaided.estimate - aided.estimate;
    const halfWidth = Math.hypot((unaided.upper - unaided.lower) / 2, (aided.upper - aided.lower) / 2);
    missed = { estimate, lower: estimate - halfWidth, upper: estimate + halfWidth, n: unaided.n + aided.n, source: "measured" };
  }
  return {
    hoursSavedPerCase: negated(find("readingTimeMedianDifferenceMs"), 1 / 3_600_000),
    repeatExamsAvoidedPerCase: negated(find("repeatExamRateDifference")),
    missedDiagnosesAvoidedPerCase: missed,
  };
}
