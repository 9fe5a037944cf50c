import { casesNeeded, type PowerDesign } from "./cases-needed";

export type TargetComparator = "lte" | "gte";
/**
 * notEstimable: below the interval method's minimum sample (no verdict). collecting: estimable, but the
 * interval is wider than the pre-registered precision (no verdict yet). pass / fail: at that precision the
 * whole interval meets / misses the target. inconclusive: at that precision the interval still contains it.
 */
export type TargetStatus = "pass" | "fail" | "inconclusive" | "collecting" | "notEstimable" | "noData" | "noTarget";

type Estimate = { estimate: number | null; lower: number | null; upper: number | null; n: number };
export type AssessOptions = { estimable?: boolean; precisionHalfWidth?: number; design?: PowerDesign };

/**
 * A verdict only once the figure is estimable and its 95% interval is as narrow as pre-registered; then pass
 * when the whole interval meets the target, fail when the whole interval misses it, otherwise inconclusive:
 * a point estimate alone never turns a light green or red.
 */
export function assessTarget(estimate: Estimate, target: { comparator: TargetComparator; value: number } | null, options: AssessOptions = {}) {
  const { estimable = true, precisionHalfWidth, design } = options;
  if (!target) return { status: "noTarget" as TargetStatus, requiredN: null, additionalN: null };
  if (estimate.estimate === null || estimate.lower === null || estimate.upper === null) return { status: (estimate.n > 0 ? "notEstimable" : "noData") as TargetStatus, requiredN: null, additionalN: null };
  const needed = casesNeeded({ ...estimate, target: target.value, design });
  if (!estimable) return { status: "notEstimable" as TargetStatus, requiredN: needed.requiredN, additionalN: needed.additionalN };
  const meets = (value: number) => (target.comparator === "lte" ? value <= target.value : value >= target.value);
  const precise = precisionHalfWidth === undefined || (estimate.upper - estimate.lower) / 2 <= precisionHalfWidth;
  const separated = meets(estimate.lower) === meets(estimate.upper);
  const status: TargetStatus = !precise ? "collecting" : !separated ? "inconclusive" : meets(estimate.lower) ? "pass" : "fail";
  if (status === "pass" || status === "fail") return { status, requiredN: needed.requiredN, additionalN: 0 };
  // Collecting: enough cases both to reach the pre-registered precision (half-width ∝ 1/√n) and for the power calculation.
  const forPrecision = !precise && precisionHalfWidth ? Math.ceil(estimate.n * (((estimate.upper - estimate.lower) / 2 / precisionHalfWidth) ** 2)) : estimate.n;
  const requiredN = needed.requiredN === null ? (status === "collecting" ? forPrecision : null) : Math.max(needed.requiredN, forPrecision);
  return { status, requiredN, additionalN: requiredN === null ? null : Math.max(0, requiredN - estimate.n) };
}
