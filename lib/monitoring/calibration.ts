export type ScoreBinCounts = { bin: number; positives: number; negatives: number };
type ReliabilityPoint = { lowerScore: number; upperScore: number; meanPredicted: number; observedRate: number; n: number };
export type Calibration = {
  reliability: ReliabilityPoint[];
  /** Expected calibration error: Σ (n_b/N)·|mean predicted − observed| over equal-width score bins (Naeini et al. 2015). */
  expectedCalibrationError: number | null;
  /** Calibration-in-the-large: α in logit P(y) = α + logit(p) (offset), 0 when calibrated. */
  intercept: number | null;
  /** Calibration slope: β in logit P(y) = a + β·logit(p), 1 when calibrated (Cox 1958; Van Calster et al. 2019). */
  slope: number | null;
  n: number;
};

const logit = (p: number) => Math.log(p / (1 - p));
const expit = (x: number) => 1 / (1 + Math.exp(-x));

/**
 * Calibration from a score histogram (`binCount` equal-width bins of the probability, counts of
 * positive and negative reference outcomes per bin): the bin's midpoint stands for its scores.
 */
export function assessCalibration(scores: ScoreBinCounts[], options: { binCount: number; reliabilityBins?: number }): Calibration {
  const { binCount, reliabilityBins = 10 } = options;
  const points = scores
    .filter((s) => s.positives + s.negatives > 0)
    .map((s) => ({ p: Math.min(1 - 1e-6, Math.max(1e-6, (s.bin + 0.5) / binCount)), positives: s.positives, negatives: s.negatives }));
  const n = points.reduce((total, point) => total + point.positives + point.negatives, 0);
  const groups = Array.from({ length: reliabilityBins }, (_, i) => ({ lowerScore: i / reliabilityBins, upperScore: (i + 1) / reliabilityBins, predicted: 0, positives: 0, n: 0 }));
  for (const point of points) {
    const group = groups[Math.min(reliabilityBins - 1, Math.floor(point.p * reliabilityBins))]!;
    const count = point.positives + point.negatives;
    group.predicted += point.p * count;
    group.positives += point.positives;
    group.n += count;
  }
  const reliability = groups.filter((g) => g.n > 0).map((g) => ({ lowerScore: g.lowerScore, upperScore: g.upperScore, meanPredicted: g.predicted / g.n, observedRate: g.positives / g.n, n: g.n }));
  const expectedCalibrationError = n === 0 ? null : reliability.reduce((total, g) => total + (g.n / n) * Math.abs(g.meanPredicted - g.observedRate), 0);
  const positives = points.reduce((total, point) => total + point.positives, 0);
  if (n === 0 || positives === 0 || positives === n) return { reliability, expectedCalibrationError, intercept: null, slope: null, n };
  return { reliability, expectedCalibrationError, intercept: fitInterceptWithOffset(points), slope: fitLogisticSlope(points), n };
}

type Point = { p: number; positives: number; negatives: number };

// Newton–Raphson for α with offset logit(p): score Σ(y − expit(α + o)), information Σ m·π(1 − π).
function fitInterceptWithOffset(points: Point[]): number {
  let alpha = 0;
  for (let i = 0; i < 100; i++) {
    let score = 0;
    let information = 0;
    for (const point of points) {
      const m = point.positives + point.negatives;
      const pi = expit(alpha + logit(point.p));
      score += point.positives - m * pi;
      information += m * pi * (1 - pi);
    }
    const step = score / information;
    alpha += step;
    if (Math.abs(step) < 1e-12) break;
  }
  return alpha;
}

// Two-parameter logistic regression of the outcome on logit(p) by Newton–Raphson (grouped binomial data).
function fitLogisticSlope(points: Point[]): number | null {
  let a = 0;
  let b = 1;
  for (let i = 0; i < 100; i++) {
    let ga = 0, gb = 0, haa = 0, hab = 0, hbb = 0;
    for (const point of points) {
      const m = point.positives + point.negatives;
      const x = logit(point.p);
      const pi = expit(a + b * x);
      const residual = point.positives - m * pi;
      const weight = m * pi * (1 - pi);
      ga += residual;
      gb += residual * x;
      haa += weight;
      hab += weight * x;
      hbb += weight * x * x;
    }
    const determinant = haa * hbb - hab * hab;
    if (!(Math.abs(determinant) > 1e-12)) return null;
    const da = (hbb * ga - hab * gb) / determinant;
    const db = (haa * gb - hab * ga) / determinant;
    a += da;
    b += db;
    if (Math.abs(da) + Math.abs(db) < 1e-12) break;
  }
  return Number.isFinite(b) ? b : null;
}
