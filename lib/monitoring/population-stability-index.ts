import { chiSquareUpperTail } from "@/lib/stats/t-and-f-distributions";

export type CategoryCounts = Record<string, number>;
export type DriftTest = {
  /** Population stability index Σ (aᵢ − eᵢ)·ln(aᵢ/eᵢ) over shares; < 0.1 stable, 0.1–0.25 moderate, > 0.25 major shift (Siddiqi 2006). */
  psi: number;
  /** Pearson's chi-square test of homogeneity on the 2 × K table (baseline vs current). */
  chiSquare: number;
  degreesOfFreedom: number;
  p: number;
  baselineN: number;
  currentN: number;
};

// An empty category in one sample would make ln(a/e) infinite: shares are floored at ½ count (a
// Jeffreys-style correction), which keeps the index finite and small for rare categories.
const share = (count: number, total: number) => Math.max(count, 0.5) / total;

/** Drift of a categorical (or binned) distribution against the baseline: PSI and a two-sample chi-square test, with n. */
export function compareDistributions(baseline: CategoryCounts, current: CategoryCounts): DriftTest {
  const categories = [...new Set([...Object.keys(baseline), ...Object.keys(current)])].filter((key) => (baseline[key] ?? 0) + (current[key] ?? 0) > 0);
  const baselineN = categories.reduce((total, key) => total + (baseline[key] ?? 0), 0);
  const currentN = categories.reduce((total, key) => total + (current[key] ?? 0), 0);
  if (baselineN === 0 || currentN === 0 || categories.length < 2) return { psi: 0, chiSquare: 0, degreesOfFreedom: 0, p: 1, baselineN, currentN };
  let psi = 0;
  let chiSquare = 0;
  const total = baselineN + currentN;
  for (const key of categories) {
    const b = baseline[key] ?? 0;
    const c = current[key] ?? 0;
    const expectedShare = share(b, baselineN);
    const actualShare = share(c, currentN);
    psi += (actualShare - expectedShare) * Math.log(actualShare / expectedShare);
    const column = b + c;
    const expectedB = (column * baselineN) / total;
    const expectedC = (column * currentN) / total;
    chiSquare += (b - expectedB) ** 2 / expectedB + (c - expectedC) ** 2 / expectedC;
  }
  const degreesOfFreedom = categories.length - 1;
  return { psi, chiSquare, degreesOfFreedom, p: chiSquareUpperTail(chiSquare, degreesOfFreedom), baselineN, currentN };
}
