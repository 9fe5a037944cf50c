import { sampleSize, type BinnedSample } from "./binned-sample";
import type { LocationEstimate } from "./median-interval";
import { z95 } from "./normal-distribution";

/** How many observations of a binned sample lie at or below each bin, by prefix sums over its bin range. */
function cumulativeCounts(sample: BinnedSample) {
  const low = sample.bins.reduce((min, item) => Math.min(min, item.bin), Infinity);
  const high = sample.bins.reduce((max, item) => Math.max(max, item.bin), -Infinity);
  const atOrBelow = new Float64Array(high - low + 1);
  for (const item of sample.bins) atOrBelow[item.bin - low]! += item.count;
  for (let index = 1; index < atOrBelow.length; index++) atOrBelow[index]! += atOrBelow[index - 1]!;
  const total = atOrBelow[atOrBelow.length - 1]!;
  return { low, high, countAtOrBelow: (bin: number) => (bin < low ? 0 : bin > high ? total : atOrBelow[bin - low]!) };
}

/**
 * The k-th smallest of the pairwise values (1-based), found by bisection on the integer grid with a
 * counting function, so the m·n (or n²/2) pairs are never listed: O(bins · log range) per rank.
 */
function kthSmallest(low: number, high: number, countAtMost: (value: number) => number, k: number) {
  while (low < high) {
    const middle = Math.floor((low + high) / 2);
    if (countAtMost(middle) >= k) high = middle;
    else low = middle + 1;
  }
  return low;
}

/** Estimate and interval from ranks of the pairwise values; the median averages the two middle ranks when the count is even. */
function fromRanks(kth: (k: number) => number, pairs: number, critical: number, scale: number, n: number): LocationEstimate {
  const median = pairs % 2 === 1 ? kth((pairs + 1) / 2) : (kth(pairs / 2) + kth(pairs / 2 + 1)) / 2;
  return { estimate: median * scale, lower: kth(critical) * scale, upper: kth(pairs + 1 - critical) * scale, n };
}

// Paired (one-sample) Hodges–Lehmann: median of the Walsh averages (xi + xj)/2, i ≤ j, with the
// Wilcoxon signed-rank CI: ranks C and M + 1 − C, C = n(n+1)/4 − z√(n(n+1)(2n+1)/24) (Hollander & Wolfe 1999 §3.3).
export function hodgesLehmannPaired(differences: BinnedSample, z = z95): LocationEstimate {
  const n = sampleSize(differences);
  if (n === 0) return { estimate: null, lower: null, upper: null, n };
  // Walsh averages on the grid are (bin_i + bin_j)/2, handled as the integer sums bin_i + bin_j.
  // Ordered pairs with a sum ≤ s, plus the diagonal once more, count each pair i ≤ j twice.
  const { low, high, countAtOrBelow } = cumulativeCounts(differences);
  const countAtMost = (sum: number) => {
    let ordered = 0;
    for (const item of differences.bins) ordered += item.count * countAtOrBelow(sum - item.bin);
    return (ordered + countAtOrBelow(Math.floor(sum / 2))) / 2;
  };
  const pairs = (n * (n + 1)) / 2;
  const critical = Math.max(1, Math.floor(n * (n + 1) / 4 - z * Math.sqrt((n * (n + 1) * (2 * n + 1)) / 24)));
  return fromRanks((k) => kthSmallest(2 * low, 2 * high, countAtMost, k), pairs, critical, differences.binWidth / 2, n);
}

// Two-sample Hodges–Lehmann shift: median of all differences y − x, with the Mann–Whitney CI:
// ranks C and mn + 1 − C, C = mn/2 − z√(mn(m+n+1)/12) (Hollander & Wolfe 1999 §4.3).
export function hodgesLehmannTwoSample(treated: BinnedSample, control: BinnedSample, z = z95): LocationEstimate {
  if (treated.binWidth !== control.binWidth) throw new RangeError("samples must share a bin width");
  const m = sampleSize(treated);
  const n = sampleSize(control);
  if (m === 0 || n === 0) return { estimate: null, lower: null, upper: null, n: m + n };
  // Differences y − x ≤ d: for each treated bin y, the control values at or above y − d.
  const controls = cumulativeCounts(control);
  const countAtMost = (difference: number) => {
    let total = 0;
    for (const item of treated.bins) total += item.count * (n - controls.countAtOrBelow(item.bin - difference - 1));
    return total;
  };
  const treatedLow = treated.bins.reduce((min, item) => Math.min(min, item.bin), Infinity);
  const treatedHigh = treated.bins.reduce((max, item) => Math.max(max, item.bin), -Infinity);
  const pairs = m * n;
  const critical = Math.max(1, Math.floor(pairs / 2 - z * Math.sqrt((pairs * (m + n + 1)) / 12)));
  return fromRanks((k) => kthSmallest(treatedLow - controls.high, treatedHigh - controls.low, countAtMost, k), pairs, critical, treated.binWidth, m + n);
}
