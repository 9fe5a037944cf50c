import { casesNeeded } from "./cases-needed";

export type TargetComparator = "lte" | "gte";
export type TargetStatus = "pass" | "fail" | "inconclusive" | "noData" | "noTarget";

/**
 * Pass only when the whole 95% interval meets the pre-registered target, fail when the whole interval
 * misses it, otherwise inconclusive: a point estimate alone never turns a light green.
 */
export function assessTarget(estimate: { estimate: number | null; lower: number | null; upper: number | null; n: number }, target: { comparator: TargetComparator; value: number } | null) {
  if (!target) return { status: "noTarget" as TargetStatus, requiredN: null, additionalN: null };
  if (estimate.estimate === null || estimate.lower === null || estimate.upper === null) return { status: "noData" as TargetStatus, requiredN: null, additionalN: null };
  const meets = (value: number) => (target.comparator === "lte" ? value <= target.value : value >= target.value);
  const status: TargetStatus = meets(estimate.lower) && meets(estimate.upper) ? "pass" : !meets(estimate.lower) && !meets(estimate.upper) ? "fail" : "inconclusive";
  const needed = casesNeeded({ ...estimate, target: target.value });
  return { status, requiredN: needed.requiredN, additionalN: status === "inconclusive" ? needed.additionalN : 0 };
}
