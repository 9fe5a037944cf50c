import type { StudyEffect } from "./random-effects";

export type TwoByTwo = { eventsA: number; totalA: number; eventsB: number; totalB: number };

// Log risk ratio of arm A vs B and its delta-method variance 1/a − 1/n₁ + 1/c − 1/n₂ (metafor escalc "RR");
// a zero cell adds ½ to every cell of that table, as escalc's default (add = 1/2, to = "only0").
export function logRiskRatio(label: string, table: TwoByTwo): StudyEffect {
  const { a, b, c, d } = withContinuity(table);
  return { label, estimate: Math.log(a / (a + b) / (c / (c + d))), variance: 1 / a - 1 / (a + b) + 1 / c - 1 / (c + d) };
}

// Risk difference p₁ − p₂ with variance p₁q₁/n₁ + p₂q₂/n₂ (escalc "RD"); a table with a zero cell gets
// ½ in every cell first, as escalc's defaults do, which also keeps 0% or 100% arms from a zero variance.
export function riskDifference(label: string, table: TwoByTwo): StudyEffect {
  const { a, b, c, d } = withContinuity(table);
  const p1 = a / (a + b);
  const p2 = c / (c + d);
  return { label, estimate: p1 - p2, variance: (p1 * (1 - p1)) / (a + b) + (p2 * (1 - p2)) / (c + d) };
}

export type MeanSummary = { n: number; sum: number; sumOfSquares: number };

// Difference of two means from sufficient statistics (n, Σx, Σx²), variance s₁²/n₁ + s₂²/n₂ (escalc "MD", vtype "HE" aside).
export function meanDifference(label: string, a: MeanSummary, b: MeanSummary): StudyEffect {
  const moments = (s: MeanSummary) => {
    const mean = s.sum / s.n;
    const variance = (s.sumOfSquares - s.n * mean * mean) / (s.n - 1);
    return { mean, variance };
  };
  const ma = moments(a);
  const mb = moments(b);
  return { label, estimate: ma.mean - mb.mean, variance: ma.variance / a.n + mb.variance / b.n };
}

function withContinuity(table: TwoByTwo) {
  const cells = { a: table.eventsA, b: table.totalA - table.eventsA, c: table.eventsB, d: table.totalB - table.eventsB };
  if (Object.values(cells).some((cell) => cell === 0)) return { a: cells.a + 0.5, b: cells.b + 0.5, c: cells.c + 0.5, d: cells.d + 0.5 };
  return cells;
}
