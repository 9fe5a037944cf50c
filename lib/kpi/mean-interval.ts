import { studentTQuantile } from "@/lib/stats/t-and-f-distributions";
import type { LocationEstimate } from "./median-interval";

/** Sufficient statistics of a sample, as SQL returns them: count, Σx, Σx². */
export type Moments = { n: number; sum: number; sumOfSquares: number };

// t interval for a mean, x̄ ± t(0.975; n − 1)·s/√n with s² = (Σx² − (Σx)²/n)/(n − 1): the z quantile under-covers
// at the small samples a PoC starts with (t(0.975; 9) = 2.26 against 1.96).
export function meanInterval(moments: Moments): LocationEstimate & { standardDeviation: number | null } {
  const { n, sum, sumOfSquares } = moments;
  if (n === 0) return { estimate: null, lower: null, upper: null, n, standardDeviation: null };
  const mean = sum / n;
  if (n === 1) return { estimate: mean, lower: null, upper: null, n, standardDeviation: null };
  const variance = Math.max(0, (sumOfSquares - (sum * sum) / n) / (n - 1));
  const halfWidth = studentTQuantile(0.975, n - 1) * Math.sqrt(variance / n);
  return { estimate: mean, lower: mean - halfWidth, upper: mean + halfWidth, n, standardDeviation: Math.sqrt(variance) };
}

// Welch: difference of two means ± t(0.975; ν)·√(s1²/n1 + s2²/n2), ν by Welch–Satterthwaite.
export function meanDifferenceInterval(first: Moments, second: Moments): LocationEstimate {
  const a = meanInterval(first);
  const b = meanInterval(second);
  if (a.estimate === null || b.estimate === null || a.standardDeviation === null || b.standardDeviation === null) return { estimate: null, lower: null, upper: null, n: first.n + second.n };
  const difference = a.estimate - b.estimate;
  const va = a.standardDeviation ** 2 / first.n;
  const vb = b.standardDeviation ** 2 / second.n;
  const df = va + vb > 0 ? (va + vb) ** 2 / (va ** 2 / (first.n - 1) + vb ** 2 / (second.n - 1)) : first.n + second.n - 2;
  const halfWidth = studentTQuantile(0.975, df) * Math.sqrt(va + vb);
  return { estimate: difference, lower: difference - halfWidth, upper: difference + halfWidth, n: first.n + second.n };
}
