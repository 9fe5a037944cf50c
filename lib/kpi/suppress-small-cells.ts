import type { ProportionEstimate } from "./wilson-interval";

/** Cells with fewer than this many observations show "n<5" instead of values (re-identification and noise). */
const minimumCellSize = 5;

export type SuppressibleEstimate = { suppressed: true; n: number } | ({ suppressed: false } & Omit<ProportionEstimate, "successes"> & { n: number });

export function suppressSmallCell(estimate: { estimate: number | null; lower: number | null; upper: number | null; n: number }): SuppressibleEstimate {
  if (estimate.n < minimumCellSize) return { suppressed: true, n: estimate.n };
  return { suppressed: false, estimate: estimate.estimate, lower: estimate.lower, upper: estimate.upper, n: estimate.n };
}
