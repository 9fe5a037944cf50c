import { normalDraw, seededRandom } from "@/lib/kpi/seeded-random";
import { z95 } from "@/lib/kpi/normal-distribution";
import { computeRoi } from "./compute-roi";
import type { MeasuredInput, MeasuredRoiInputs, RoiInputs } from "./schema";

const monteCarloSeed = 20_240_601;
const monteCarloDraws = 10_000;

export type RoiDistribution = {
  seed: number; draws: number;
  npvJpy: { p5: number; p50: number; p95: number }; roiRatio: { p5: number; p50: number; p95: number };
  probabilityNpvPositive: number;
  histogram: { fromJpy: number; toJpy: number; count: number }[];
};

const quantile = (sorted: Float64Array, p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.round(p * (sorted.length - 1))))]!;

/** Standard error from a 95% interval, assuming approximate normality of the estimator. */
const drawFrom = (input: MeasuredInput | null, random: () => number) => (input ? input.estimate + ((input.upper - input.lower) / (2 * z95)) * normalDraw(random) : 0);

// Monte Carlo propagation: each measured KPI ~ Normal(estimate, SE from its 95% CI), independent; 10 000 seeded draws
// take a few milliseconds (no progress reporting needed), and the seed is returned so a run can be repeated.
export function monteCarloRoi(inputs: RoiInputs, measured: MeasuredRoiInputs, options: { seed?: number; draws?: number; bins?: number } = {}): RoiDistribution {
  const { seed = monteCarloSeed, draws = monteCarloDraws, bins = 30 } = options;
  const random = seededRandom(seed);
  const npvs = new Float64Array(draws);
  const rois = new Float64Array(draws);
  let positive = 0;
  for (let index = 0; index < draws; index++) {
    const result = computeRoi(inputs, {
      hoursSavedPerCase: drawFrom(measured.hoursSavedPerCase, random),
      repeatExamsAvoidedPerCase: drawFrom(measured.repeatExamsAvoidedPerCase, random),
      missedDiagnosesAvoidedPerCase: drawFrom(measured.missedDiagnosesAvoidedPerCase, random),
    });
    npvs[index] = result.npvJpy;
    rois[index] = result.roiRatio;
    if (result.npvJpy > 0) positive++;
  }
  npvs.sort();
  rois.sort();
  const low = npvs[0]!;
  const high = npvs[draws - 1]!;
  const width = high > low ? (high - low) / bins : 1;
  const histogram = Array.from({ length: bins }, (_, bin) => ({ fromJpy: low + bin * width, toJpy: low + (bin + 1) * width, count: 0 }));
  for (const value of npvs) histogram[Math.min(bins - 1, Math.floor((value - low) / width))]!.count++;
  return {
    seed, draws,
    npvJpy: { p5: quantile(npvs, 0.05), p50: quantile(npvs, 0.5), p95: quantile(npvs, 0.95) },
    roiRatio: { p5: quantile(rois, 0.05), p50: quantile(rois, 0.5), p95: quantile(rois, 0.95) },
    probabilityNpvPositive: positive / draws,
    histogram,
  };
}
