import { z95 } from "./normal-distribution";
import type { LocationEstimate } from "./median-interval";

/** Sufficient statistics of a sample, as SQL returns them: count, Σx, Σx². */
export type Moments = { n: number; sum: number; sumOfSquares: number };

// Normal-approximation CI for a mean, x̄ ± z·s/√n with s² = (Σx² − (Σx)²/n)/(n − 1); with n ≥ 30 the t and z quantiles differ by < 4%.
export function meanInterval(moments: Moments, z = z95): LocationEstimate & { standardDeviation: number | null } {
  const { n, sum, sumOfSquares } = moments;
  if (n === 0) return { estimate: null, lower: null, upper: null, n, standardDeviation: null };
  const mean = sum / n;
  if (n === 1) return { estimate: mean, lower: null, upper: null, n, standardDeviation: null };
  const variance = Math.max(0, (sumOfSquares - (sum * sum) / n) / (n - 1));
  const halfWidth = z * Math.sqrt(variance / n);
  return { estimate: mean, lower: mean - halfWidth, upper: mean + halfWidth, n, standardDeviation: Math.sqrt(variance) };
}

// Welch: difference of two means ± z·√(s1²/n1 + s2²/n2).
export function meanDifferenceInterval(first: Moments, second: Moments, z = z95): LocationEstimate {
  const a = meanInterval(first, z);
  const b = meanInterval(second, z);
  if (a.estimate === null || b.estimate === null || a.standardDeviation === null || b.standardDeviation === null) return { estimate: null, lower: null, upper: null, n: first.n + second.n };
  const difference = a.estimate - b.estimate;
  const halfWidth = z * Math.sqrt(a.standardDeviation ** 2 / first.n + b.standardDeviation ** 2 / second.n);
  return { estimate: difference, lower: difference - halfWidth, upper: difference + halfWidth, n: first.n + second.n };
}
