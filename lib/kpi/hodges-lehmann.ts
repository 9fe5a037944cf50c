import { sampleSize, valueAtRank, weightedMedian, type BinnedSample } from "./binned-sample";
import type { LocationEstimate } from "./median-interval";
import { z95 } from "./normal-distribution";

type Bin = BinnedSample["bins"][number];

/**
 * Counts of every pairwise combination of bins (i ≤ j within one sample, or each pair across two),
 * accumulated in a dense array over the range of combined keys: bins are integers on a grid, so this
 * is a discrete convolution and needs no hashing. Returns the non-empty keys in order.
 */
function combineBins(first: Bin[], second: Bin[] | null, keyOf: (left: number, right: number) => number) {
  const range = (bins: Bin[]) => bins.reduce(([low, high], item) => [Math.min(low, item.bin), Math.max(high, item.bin)], [Infinity, -Infinity]);
  const [firstRange, secondRange] = [range(first), range(second ?? first)];
  const extremes = firstRange.flatMap((left) => secondRange.map((right) => keyOf(left, right)));
  const offset = Math.min(...extremes);
  const counts = new Float64Array(Math.max(...extremes) - offset + 1);
  for (let k = 0; k < first.length; k++) {
    const left = first[k]!;
    if (second === null) {
      counts[keyOf(left.bin, left.bin) - offset]! += (left.count * (left.count + 1)) / 2;
      for (let l = k + 1; l < first.length; l++) counts[keyOf(left.bin, first[l]!.bin) - offset]! += left.count * first[l]!.count;
    } else {
      for (const right of second) counts[keyOf(left.bin, right.bin) - offset]! += left.count * right.count;
    }
  }
  const sorted: { key: number; count: number }[] = [];
  counts.forEach((count, index) => {
    if (count > 0) sorted.push({ key: index + offset, count });
  });
  return sorted;
}

// Paired (one-sample) Hodges–Lehmann: median of the Walsh averages (xi + xj)/2, i ≤ j, with the
// Wilcoxon signed-rank CI: ranks C and M + 1 − C, C = n(n+1)/4 − z√(n(n+1)(2n+1)/24) (Hollander & Wolfe 1999 §3.3).
export function hodgesLehmannPaired(differences: BinnedSample, z = z95): LocationEstimate {
  const n = sampleSize(differences);
  if (n === 0) return { estimate: null, lower: null, upper: null, n };
  // Walsh averages on the grid: (bin_k + bin_l)/2, keyed by bin_k + bin_l to stay in integers.
  const sorted = combineBins(differences.bins, null, (left, right) => left + right);
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
  const sorted = combineBins(treated.bins, control.bins, (y, x) => y - x);
  const pairs = m * n;
  const critical = Math.max(1, Math.floor(pairs / 2 - z * Math.sqrt((pairs * (m + n + 1)) / 12)));
  const width = treated.binWidth;
  return { estimate: weightedMedian(sorted, pairs) * width, lower: valueAtRank(sorted, critical) * width, upper: valueAtRank(sorted, pairs + 1 - critical) * width, n: m + n };
}
