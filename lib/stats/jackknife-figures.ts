// Figures of merit per reader × arm and their case-deletion (jackknife) values, as the
// Obuchowski–Rockette analysis needs them (Hillis, Obuchowski, Schartz & Berbaum 2005, Stat Med 24:1579).
// Every figure is exact in O(n log n): AUC deletion values come from placement values (DeLong 1988),
// the others are means, whose deletion values are closed-form.

export type StudyArm = "UNAIDED" | "AIDED";

/** One completed read as the MRMC analysis sees it; pseudonymous reader and case keys only. */
export type MrmcRead = {
  reader: string;
  caseKey: string;
  arm: StudyArm;
  /** Reference standard; null when not yet known (then the read counts for reading time only). */
  truth: boolean | null;
  /** Rating on the "finding present" scale (0–100), for AUC. */
  score: number | null;
  call: boolean | null;
  activeMs: number | null;
};

export type FigureOfMerit = "auc" | "sensitivity" | "specificity" | "meanLogTime";
export const figuresOfMerit: readonly FigureOfMerit[] = ["auc", "sensitivity", "specificity", "meanLogTime"];

/** Which cases a figure is jackknifed over: sensitivity only the positives, specificity only the negatives. */
export function caseSetOf(figure: FigureOfMerit, read: MrmcRead): boolean {
  if (figure === "auc") return read.truth !== null && read.score !== null;
  if (figure === "sensitivity") return read.truth === true && read.call !== null;
  if (figure === "specificity") return read.truth === false && read.call !== null;
  return read.activeMs !== null && read.activeMs > 0;
}

/** A reader × arm cell: its figure, and for each case it read, θ(−k) − θ. */
export type JackknifeCell = { value: number; deletionShifts: Map<string, number>; cases: number };

function meanCell(values: { caseKey: string; value: number }[]): JackknifeCell | null {
  const n = values.length;
  if (n < 2) return null;
  const mean = values.reduce((total, item) => total + item.value, 0) / n;
  // θ(−k) = (n·θ − x_k)/(n − 1), so θ(−k) − θ = (θ − x_k)/(n − 1).
  return { value: mean, cases: n, deletionShifts: new Map(values.map((item) => [item.caseKey, (mean - item.value) / (n - 1)])) };
}

/**
 * Trapezoidal (Mann–Whitney) AUC with ties counted ½. With placement values V10_i (share of negatives a
 * positive outranks) and V01_j (share of positives above a negative): AUC(−i) = (m·AUC − V10_i)/(m − 1)
 * for a positive, (n·AUC − V01_j)/(n − 1) for a negative.
 */
function aucCell(reads: { caseKey: string; score: number; truth: boolean }[]): JackknifeCell | null {
  const positives = reads.filter((read) => read.truth);
  const negatives = reads.filter((read) => !read.truth);
  const m = positives.length;
  const n = negatives.length;
  if (m < 2 || n < 2) return null;
  const sortedNegatives = negatives.map((read) => read.score).sort((a, b) => a - b);
  const sortedPositives = positives.map((read) => read.score).sort((a, b) => a - b);
  // Count of sorted values strictly below x and equal to x, by binary search.
  const below = (sorted: number[], x: number) => {
    let low = 0;
    let high = sorted.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (sorted[middle]! < x) low = middle + 1;
      else high = middle;
    }
    return low;
  };
  const atMost = (sorted: number[], x: number) => {
    let low = 0;
    let high = sorted.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (sorted[middle]! <= x) low = middle + 1;
      else high = middle;
    }
    return low;
  };
  const placementPositive = positives.map((read) => {
    const lower = below(sortedNegatives, read.score);
    return (lower + (atMost(sortedNegatives, read.score) - lower) / 2) / n;
  });
  const placementNegative = negatives.map((read) => {
    const lower = below(sortedPositives, read.score);
    const tied = atMost(sortedPositives, read.score) - lower;
    return (m - lower - tied + tied / 2) / m;
  });
  const auc = placementPositive.reduce((total, value) => total + value, 0) / m;
  const shifts = new Map<string, number>();
  positives.forEach((read, index) => shifts.set(read.caseKey, (m * auc - placementPositive[index]!) / (m - 1) - auc));
  negatives.forEach((read, index) => shifts.set(read.caseKey, (n * auc - placementNegative[index]!) / (n - 1) - auc));
  return { value: auc, cases: m + n, deletionShifts: shifts };
}

/** The figure and its deletion shifts for one reader × arm, or null when it is not estimable (too few cases). */
export function jackknifeCell(figure: FigureOfMerit, reads: MrmcRead[]): JackknifeCell | null {
  const usable = reads.filter((read) => caseSetOf(figure, read));
  if (figure === "auc") return aucCell(usable.map((read) => ({ caseKey: read.caseKey, score: read.score!, truth: read.truth! })));
  if (figure === "sensitivity" || figure === "specificity") {
    const hit = figure === "sensitivity";
    return meanCell(usable.map((read) => ({ caseKey: read.caseKey, value: read.call === hit ? 1 : 0 })));
  }
  return meanCell(usable.map((read) => ({ caseKey: read.caseKey, value: Math.log(read.activeMs!) })));
}

/**
 * Jackknife covariance of every pair of cells over the N cases of the figure's case set:
 * Cov(a, b) = (N − 1)/N · Σ_k (θ_a(−k) − θ̄_a)(θ_b(−k) − θ̄_b), where θ_a(−k) = θ_a for a case the cell did
 * not read. Sparse: only cases read by both cells contribute cross products, so the cost is Σ_k reads_k².
 */
export function jackknifeCovariance(cells: JackknifeCell[], caseCount: number): number[][] {
  const size = cells.length;
  const byCase = new Map<string, { cell: number; shift: number }[]>();
  cells.forEach((cell, index) => {
    for (const [caseKey, shift] of cell.deletionShifts) {
      const list = byCase.get(caseKey);
      if (list) list.push({ cell: index, shift });
      else byCase.set(caseKey, [{ cell: index, shift }]);
    }
  });
  const shiftSums = cells.map((cell) => [...cell.deletionShifts.values()].reduce((total, value) => total + value, 0));
  // θ̄_a − θ_a = Σ_k shift / N; d_a,k = shift_a,k − that mean shift.
  const meanShift = shiftSums.map((sum) => sum / caseCount);
  const cross = Array.from({ length: size }, () => new Array<number>(size).fill(0));
  for (const list of byCase.values()) {
    for (const first of list) for (const second of list) cross[first.cell]![second.cell]! += first.shift * second.shift;
  }
  const factor = (caseCount - 1) / caseCount;
  return cross.map((row, a) => row.map((value, b) => factor * (value - meanShift[b]! * shiftSums[a]! - meanShift[a]! * shiftSums[b]! + caseCount * meanShift[a]! * meanShift[b]!)));
}
