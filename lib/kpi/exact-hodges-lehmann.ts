import type { LocationEstimate } from "./median-interval";
import { z95 } from "./normal-distribution";

// Hodges–Lehmann estimates and Wilcoxon / Mann–Whitney intervals on raw values, with no grid: the k-th
// smallest pairwise value is found by bisection on the real line with an O(n) two-pointer count, down to
// the floating-point resolution of the data. The reference the binned dashboard path is checked against.

function kthByBisection(low: number, high: number, countAtMost: (value: number) => number, k: number): number {
  for (let step = 0; step < 200; step++) {
    const middle = low + (high - low) / 2;
    if (middle <= low || middle >= high) break;
    if (countAtMost(middle) >= k) high = middle;
    else low = middle;
  }
  return high;
}

function fromRanks(kth: (k: number) => number, pairs: number, critical: number, n: number): LocationEstimate {
  const median = pairs % 2 === 1 ? kth((pairs + 1) / 2) : (kth(pairs / 2) + kth(pairs / 2 + 1)) / 2;
  return { estimate: median, lower: kth(critical), upper: kth(pairs + 1 - critical), n };
}

/** Paired: median of the Walsh averages (x_i + x_j)/2, i ≤ j; signed-rank interval (as hodgesLehmannPaired). */
export function exactHodgesLehmannPaired(differences: number[], z = z95): LocationEstimate {
  const n = differences.length;
  if (n === 0) return { estimate: null, lower: null, upper: null, n };
  const sorted = Float64Array.from(differences).sort();
  // Pairs i ≤ j with x_i + x_j ≤ 2t: for each i, the j ≥ i up to a pointer that only moves left.
  const countAtMost = (t: number) => {
    let count = 0;
    let j = n - 1;
    for (let i = 0; i < n; i++) {
      while (j >= 0 && sorted[i]! + sorted[j]! > 2 * t) j--;
      if (j < i) break;
      count += j - i + 1;
    }
    return count;
  };
  const pairs = (n * (n + 1)) / 2;
  const critical = Math.max(1, Math.floor(n * (n + 1) / 4 - z * Math.sqrt((n * (n + 1) * (2 * n + 1)) / 24)));
  return fromRanks((k) => kthByBisection(sorted[0]! - 1, sorted[n - 1]! + 1, countAtMost, k), pairs, critical, n);
}

/** Two-sample: median of all y − x; Mann–Whitney interval (as hodgesLehmannTwoSample). */
export function exactHodgesLehmannTwoSample(treated: number[], control: number[], z = z95): LocationEstimate {
  const m = treated.length;
  const n = control.length;
  if (m === 0 || n === 0) return { estimate: null, lower: null, upper: null, n: m + n };
  const ys = Float64Array.from(treated).sort();
  const xs = Float64Array.from(control).sort();
  // Pairs with y − x ≤ d, i.e. x ≥ y − d: as y grows the first such x moves right.
  const countAtMost = (d: number) => {
    let count = 0;
    let first = 0;
    for (let i = 0; i < m; i++) {
      while (first < n && xs[first]! < ys[i]! - d) first++;
      count += n - first;
    }
    return count;
  };
  const pairs = m * n;
  const critical = Math.max(1, Math.floor(pairs / 2 - z * Math.sqrt((pairs * (m + n + 1)) / 12)));
  return fromRanks((k) => kthByBisection(ys[0]! - xs[n - 1]! - 1, ys[m - 1]! - xs[0]! + 1, countAtMost, k), pairs, critical, m + n);
}
