import { z95 } from "@/lib/kpi/normal-distribution";
// The distributions of the reader-study statistics (lib/stats), one copy for the whole app.
import { chiSquareUpperTail, fUpperTail, normalCdf, studentTQuantile } from "@/lib/stats/t-and-f-distributions";

export type StudyEffect = { label: string; estimate: number; variance: number };
type TauSquaredMethod = "DL" | "REML";
type PooledInterval = { estimate: number; se: number; lower: number; upper: number; statistic: number; p: number };
type RandomEffectsFit = {
  method: TauSquaredMethod;
  tauSquared: number;
  tau: number;
  /** I² in percent and H², as metafor reports them (through the typical within-study variance). */
  iSquaredPercent: number;
  hSquared: number;
  /** Wald (z) interval and test. */
  wald: PooledInterval;
  /** Hartung–Knapp: the weighted residual variance and a t distribution with k − 1 df. */
  hartungKnapp: PooledInterval & { degreesOfFreedom: number };
  /** The range of a new site's true effect: μ ± crit·√(SE² + τ²), z for Wald, t(k − 1) with the HK SE. */
  predictionWald: { lower: number; upper: number };
  predictionHartungKnapp: { lower: number; upper: number };
  weightsPercent: number[];
  iterations: number;
};
export type MetaAnalysis = {
  k: number;
  studies: StudyEffect[];
  fixed: PooledInterval & { weightsPercent: number[] };
  heterogeneity: { q: number; degreesOfFreedom: number; p: number };
  dersimonianLaird: RandomEffectsFit;
  reml: RandomEffectsFit;
};

const normalTwoSidedP = (z: number) => Math.min(1, 2 * (1 - normalCdf(Math.abs(z))));
// A t statistic squared is F(1, df): its upper tail is the two-sided p.
const studentTTwoSidedP = (t: number, degreesOfFreedom: number) => Math.min(1, fUpperTail(t * t, 1, degreesOfFreedom));

function weightedMean(studies: StudyEffect[], tauSquared: number) {
  const weights = studies.map((study) => 1 / (study.variance + tauSquared));
  const sumW = weights.reduce((a, b) => a + b, 0);
  const mean = studies.reduce((acc, study, i) => acc + weights[i]! * study.estimate, 0) / sumW;
  return { weights, sumW, mean };
}

/**
 * Inverse-variance fixed effect with Cochran's Q, and random effects with τ² by DerSimonian–Laird
 * (1986) and by REML (Viechtbauer 2005, eq. 11, iterated to convergence and truncated at 0), each
 * with Wald and Hartung–Knapp (2001) intervals and a prediction interval (Higgins et al. 2009).
 * Definitions follow metafor's rma.uni, so its output is the reference (checked on dat.bcg).
 */
export function metaAnalyse(studies: StudyEffect[]): MetaAnalysis {
  const k = studies.length;
  if (k < 2) throw new RangeError("a meta-analysis needs at least two studies");
  if (studies.some((study) => !(study.variance > 0) || !Number.isFinite(study.estimate))) throw new RangeError("every study needs a finite estimate and a positive variance");
  const fixed = weightedMean(studies, 0);
  const q = studies.reduce((acc, study, i) => acc + fixed.weights[i]! * (study.estimate - fixed.mean) ** 2, 0);
  const sumWSquared = fixed.weights.reduce((a, w) => a + w * w, 0);
  // Typical within-study variance (Higgins & Thompson 2002), the denominator metafor uses for I² and H².
  const typicalVariance = ((k - 1) * fixed.sumW) / (fixed.sumW ** 2 - sumWSquared);
  const fixedSe = Math.sqrt(1 / fixed.sumW);
  const fixedZ = fixed.mean / fixedSe;

  const dlTauSquared = Math.max(0, (q - (k - 1)) / (fixed.sumW - sumWSquared / fixed.sumW));
  let remlTauSquared = dlTauSquared;
  let iterations = 0;
  for (; iterations < 1000; iterations++) {
    const { weights, mean } = weightedMean(studies, remlTauSquared);
    const sumW = weights.reduce((a, b) => a + b, 0);
    const sumW2 = weights.reduce((a, w) => a + w * w, 0);
    const numerator = studies.reduce((acc, study, i) => acc + weights[i]! ** 2 * ((study.estimate - mean) ** 2 - study.variance), 0);
    const next = Math.max(0, numerator / sumW2 + 1 / sumW);
    const done = Math.abs(next - remlTauSquared) < 1e-12;
    remlTauSquared = next;
    if (done) break;
  }

  const fit = (method: TauSquaredMethod, tauSquared: number, iters: number): RandomEffectsFit => {
    const { weights, sumW, mean } = weightedMean(studies, tauSquared);
    const se = Math.sqrt(1 / sumW);
    const z = mean / se;
    const residual = studies.reduce((acc, study, i) => acc + weights[i]! * (study.estimate - mean) ** 2, 0);
    const hkSe = Math.sqrt(residual / ((k - 1) * sumW));
    const t = studentTQuantile(0.975, k - 1);
    const predictionZ = z95 * Math.sqrt(se * se + tauSquared);
    const predictionT = t * Math.sqrt(hkSe * hkSe + tauSquared);
    return {
      method,
      tauSquared,
      tau: Math.sqrt(tauSquared),
      iSquaredPercent: (100 * tauSquared) / (tauSquared + typicalVariance),
      hSquared: (tauSquared + typicalVariance) / typicalVariance,
      wald: { estimate: mean, se, lower: mean - z95 * se, upper: mean + z95 * se, statistic: z, p: normalTwoSidedP(z) },
      hartungKnapp: { estimate: mean, se: hkSe, lower: mean - t * hkSe, upper: mean + t * hkSe, statistic: mean / hkSe, p: studentTTwoSidedP(mean / hkSe, k - 1), degreesOfFreedom: k - 1 },
      predictionWald: { lower: mean - predictionZ, upper: mean + predictionZ },
      predictionHartungKnapp: { lower: mean - predictionT, upper: mean + predictionT },
      weightsPercent: weights.map((w) => (100 * w) / sumW),
      iterations: iters,
    };
  };

  return {
    k,
    studies,
    fixed: {
      estimate: fixed.mean,
      se: fixedSe,
      lower: fixed.mean - z95 * fixedSe,
      upper: fixed.mean + z95 * fixedSe,
      statistic: fixedZ,
      p: normalTwoSidedP(fixedZ),
      weightsPercent: fixed.weights.map((w) => (100 * w) / fixed.sumW),
    },
    heterogeneity: { q, degreesOfFreedom: k - 1, p: chiSquareUpperTail(q, k - 1) },
    dersimonianLaird: fit("DL", dlTauSquared, 0),
    reml: fit("REML", remlTauSquared, iterations + 1),
  };
}
