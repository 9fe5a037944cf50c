import { sampleSize, valueAtRank, weightedMedian, type BinnedSample } from "./binned-sample";
import type { LocationEstimate } from "./median-interval";
import { z95 } from "./normal-distribution";

function sortedCounts(counts: Map<number, number>) {
  return [...counts].map(([key, count]) => ({ key, count })).sort((left, right) => left.key - right.key);
}

// Paired (one-sample) Hodges–Lehmann: median of the Walsh averages (xi + xj)/2, i ≤ j, with the
// Wilcoxon signed-rank CI: ranks C and M + 1 − C, C = n(n+1)/4 − z√(n(n+1)(2n+1)/24) (Hollander & Wolfe 1999 §3.3).
export function hodgesLehmannPaired(differences: BinnedSample, z = z95): LocationEstimate {
  const n = sampleSize(differences);
  if (n === 0) return { estimate: null, lower: null, upper: null, n };
  // Walsh averages on the grid: (bin_k + bin_l)/2, keyed by bin_k + bin_l to stay in integers.
  const walsh = new Map<number, number>();
  const bins = differences.bins;
  for (let k = 0; k < bins.length; k++) {
    const first = bins[k]!;
    walsh.set(2 * first.bin, (walsh.get(2 * first.bin) ?? 0) + (first.count * (first.count + 1)) / 2);
    for (let l = k + 1; l < bins.length; l++) {
      const second = bins[l]!;
      const key = first.bin + second.bin;
      walsh.set(key, (walsh.get(key) ?? 0) + first.count * second.count);
    }
  }
  const sorted = sortedCounts(walsh);
  const pairs = (n * (n + 1)) / 2;
  const critical = Math.max(1, Math.floor(n * (n + 1) / 4 - z * Math.sqrt((n * (n + 1) * (2 * n + 1)) / 24)));
  const scale = differences.binWidth / 2;
  return { estimate: weightedMedian(sorted, pairs) * scale, lower: valueAtRank(sorted, critical) * scale, upper: valueAtRank(sorted, pairs + 1 - critical) * scale, n };
}

// Two-sample Hodges–Lehmann shift: median of all differences y − x, with the Mann–Whitney CI:
// ranks C and mn + 1 − C, C = mn/2 − z√(mn(m+n+1)/12) (Hollander & Wolfe 1999 §4.3).
export function hodgesLehmannTwoSample(treated: BinnedSample, control: BinnedSample, z = z95): LocationEstimate {
  if (treated.binWidth !== control.binWidth) throw new RangeError("samples must share a bin width");
  const m = sampleSize(treated);
  const n = sampleSize(control);
  if (m === 0 || n === 0) return { estimate: null, lower: null, upper: null, n: m + n };
  const differences = new Map<number, number>();
  for (const y of treated.bins) for (const x of control.bins) differences.set(y.bin - x.bin, (differences.get(y.bin - x.bin) ?? 0) + y.count * x.count);
  const sorted = sortedCounts(differences);
  const pairs = m * n;
  const critical = Math.max(1, Math.floor(pairs / 2 - z * Math.sqrt((pairs * (m + n + 1)) / 12)));
  const width = treated.binWidth;
  return { estimate: weightedMedian(sorted, pairs) * width, lower: valueAtRank(sorted, critical) * width, upper: valueAtRank(sorted, pairs + 1 - critical) * width, n: m + n };
}
