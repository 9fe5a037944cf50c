import { chiSquareUpperTail, fUpperTail, normalCdf, studentTQuantile } from "./t-and-f-distributions";

// Obuchowski & Rockette (1995, Commun Stat Simul Comput 24:285) ANOVA of reader × arm figures of merit
// with error covariances Var, Cov1 (same reader, other arm), Cov2 (other reader, same arm) and Cov3
// (other reader, other arm), and Hillis (2007, Stat Med 26:596) denominator degrees of freedom.
// The formulas follow the OR-DBM MRMC 2.51 output (Schartz, Hillis, Pesce & Berbaum), which RJafroc
// and MRMCaov reproduce; for two arms (t = 2) the treatment difference is aided − unaided.

export type OrInput = {
  /** figure[r] = [unaided, aided] for each reader who read in both arms. */
  figures: [number, number][];
  /** Jackknife covariance matrix of the 2r cells, ordered reader-major: (r0 unaided, r0 aided, r1 unaided, …). */
  covariance: number[][];
  /** Readers read disjoint case sets (split-plot): Cov2 and Cov3 are zero by design, not estimated. */
  splitPlot?: boolean;
  alpha?: number;
};

type OrInterval = { estimate: number; standardError: number; df: number; lower: number; upper: number; statistic: number; p: number };

export type OrResult = {
  readers: number;
  meanUnaided: number;
  meanAided: number;
  difference: number;
  meanSquares: { treatment: number; reader: number; treatmentByReader: number };
  covariances: { variance: number; cov1: number; cov2: number; cov3: number };
  /** OR variance components (ANOVA estimates; may be negative): σ²_R and σ²_TR. */
  varianceComponents: { reader: number; treatmentByReader: number; correlation1: number; correlation2: number; correlation3: number };
  /** Random readers, random cases: F test on (1, ddf_H), t interval. */
  rrrc: OrInterval;
  /** Fixed readers, random cases: χ²(1) test, z interval. */
  frrc: OrInterval;
  /** Per reader: the aided − unaided difference with its own Var and Cov1 (z interval). */
  perReader: { unaided: number; aided: number; difference: number; standardError: number; lower: number; upper: number; p: number }[];
};

const mean = (values: number[]) => values.reduce((total, value) => total + value, 0) / values.length;

/** The OR analysis of the aided − unaided difference. Needs at least 2 readers (3 for a figure the dashboard shows). */
export function obuchowskiRockette(input: OrInput): OrResult {
  const { figures, covariance, splitPlot = false, alpha = 0.05 } = input;
  const r = figures.length;
  const t = 2;
  if (r < 2) throw new RangeError("Obuchowski–Rockette needs at least two readers");
  const cell = (reader: number, arm: number) => reader * 2 + arm;
  const armMeans = [mean(figures.map((pair) => pair[0])), mean(figures.map((pair) => pair[1]))] as const;
  const readerMeans = figures.map((pair) => (pair[0] + pair[1]) / 2);
  const grand = (armMeans[0] + armMeans[1]) / 2;
  const msT = (r * ((armMeans[0] - grand) ** 2 + (armMeans[1] - grand) ** 2)) / (t - 1);
  const msR = (t * readerMeans.reduce((total, value) => total + (value - grand) ** 2, 0)) / (r - 1);
  let ssTR = 0;
  figures.forEach((pair, reader) => pair.forEach((value, arm) => (ssTR += (value - armMeans[arm]! - readerMeans[reader]! + grand) ** 2)));
  const msTR = ssTR / ((t - 1) * (r - 1));

  const variances: number[] = [];
  const cov1: number[] = [];
  const cov2: number[] = [];
  const cov3: number[] = [];
  for (let a = 0; a < r; a++) {
    for (let armA = 0; armA < t; armA++) {
      variances.push(covariance[cell(a, armA)]![cell(a, armA)]!);
      for (let b = 0; b < r; b++) {
        for (let armB = 0; armB < t; armB++) {
          if (a === b && armA !== armB) cov1.push(covariance[cell(a, armA)]![cell(b, armB)]!);
          if (a !== b && armA === armB) cov2.push(covariance[cell(a, armA)]![cell(b, armB)]!);
          if (a !== b && armA !== armB) cov3.push(covariance[cell(a, armA)]![cell(b, armB)]!);
        }
      }
    }
  }
  const variance = mean(variances);
  const c1 = mean(cov1);
  const c2 = splitPlot ? 0 : mean(cov2);
  const c3 = splitPlot ? 0 : mean(cov3);
  const difference = armMeans[1] - armMeans[0];

  // RRRC: F = MS(T) / [MS(TR) + r·max(Cov2 − Cov3, 0)], ddf_H = [·]² / {MS(TR)² / ((t − 1)(r − 1))}.
  const denominator = msTR + r * Math.max(c2 - c3, 0);
  const ddf = denominator > 0 && msTR > 0 ? denominator ** 2 / (msTR ** 2 / ((t - 1) * (r - 1))) : Number.POSITIVE_INFINITY;
  const fStatistic = denominator > 0 ? msT / denominator : Number.POSITIVE_INFINITY;
  const rrrcSe = Math.sqrt((2 / r) * denominator);
  const tQuantile = studentTQuantile(1 - alpha / 2, ddf);
  const rrrc: OrInterval = {
    estimate: difference, standardError: rrrcSe, df: ddf, lower: difference - tQuantile * rrrcSe, upper: difference + tQuantile * rrrcSe,
    statistic: fStatistic, p: fUpperTail(fStatistic, t - 1, ddf),
  };

  // FRRC: X² = (t − 1)·MS(T) / [Var − Cov1 + (r − 1)·max(Cov2 − Cov3, 0)] ~ χ²(t − 1).
  const fixedError = variance - c1 + (r - 1) * Math.max(c2 - c3, 0);
  const frrcSe = Math.sqrt((2 / r) * fixedError);
  const z = -normalQuantileFromCdf(alpha / 2);
  const chiSquare = fixedError > 0 ? ((t - 1) * msT) / fixedError : Number.POSITIVE_INFINITY;
  const frrc: OrInterval = {
    estimate: difference, standardError: frrcSe, df: Number.POSITIVE_INFINITY, lower: difference - z * frrcSe, upper: difference + z * frrcSe,
    statistic: chiSquare, p: chiSquareUpperTail(chiSquare, t - 1),
  };

  const perReader = figures.map((pair, reader) => {
    const readerVariance = (covariance[cell(reader, 0)]![cell(reader, 0)]! + covariance[cell(reader, 1)]![cell(reader, 1)]!) / 2;
    const readerCov1 = covariance[cell(reader, 0)]![cell(reader, 1)]!;
    const se = Math.sqrt(Math.max(0, 2 * (readerVariance - readerCov1)));
    const diff = pair[1] - pair[0];
    return { unaided: pair[0], aided: pair[1], difference: diff, standardError: se, lower: diff - z * se, upper: diff + z * se, p: se > 0 ? 2 * (1 - normalCdf(Math.abs(diff) / se)) : diff === 0 ? 1 : 0 };
  });

  // E[MS(TR)] = σ²_TR + Var − Cov1 − Cov2 + Cov3; E[MS(R)] = t·σ²_R + σ²_TR + Var + (t − 1)Cov1 − Cov2 − (t − 1)Cov3.
  const treatmentByReader = msTR - variance + c1 + c2 - c3;
  const reader = (msR - treatmentByReader - variance - (t - 1) * c1 + c2 + (t - 1) * c3) / t;
  return {
    readers: r, meanUnaided: armMeans[0], meanAided: armMeans[1], difference,
    meanSquares: { treatment: msT, reader: msR, treatmentByReader: msTR },
    covariances: { variance, cov1: c1, cov2: c2, cov3: c3 },
    varianceComponents: { reader, treatmentByReader, correlation1: c1 / variance, correlation2: c2 / variance, correlation3: c3 / variance },
    rrrc, frrc, perReader,
  };
}

/** Φ⁻¹ by bisection on Φ (only called once per analysis; the df = ∞ t quantile). */
function normalQuantileFromCdf(p: number): number {
  return studentTQuantile(p, Number.POSITIVE_INFINITY);
}
