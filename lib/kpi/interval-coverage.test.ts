import { describe, expect, it } from "vitest";
import { binSample } from "./binned-sample";
import { cohenKappa } from "./cohen-kappa";
import { delongAuc } from "./delong-auc";
import { logTimeBinWidth } from "./kpi-aggregates";
import { meanDifferenceInterval, meanInterval } from "./mean-interval";
import { normalCdf } from "@/lib/stats/t-and-f-distributions";
import { hodgesLehmannPaired, hodgesLehmannTwoSample } from "./hodges-lehmann";
import { newcombeDifference } from "./newcombe-difference";
import { normalDraw, seededRandom } from "./seeded-random";
import { wilsonInterval } from "./wilson-interval";

// Seeded simulation: each main KPI's 95% interval must cover the true value 93–97% of the time.
const replications = 2000;

function coverage(seed: number, replicate: (random: () => number) => { lower: number | null; upper: number | null }, truth: number) {
  const random = seededRandom(seed);
  let covered = 0;
  for (let index = 0; index < replications; index++) {
    const { lower, upper } = replicate(random);
    if (lower !== null && upper !== null && lower <= truth && truth <= upper) covered++;
  }
  return covered / replications;
}

const binomial = (random: () => number, n: number, p: number) => Array.from({ length: n }, () => (random() < p ? 1 : 0)).reduce<number>((a, b) => a + b, 0);

describe("95% interval coverage (2000 seeded replications)", () => {
  it("Wilson: sensitivity 0.85 with 80 positives", () => {
    expect(coverage(11, (random) => wilsonInterval(binomial(random, 80, 0.85), 80), 0.85)).toSatisfy((value: number) => value >= 0.93 && value <= 0.97);
  });
  it("Newcombe: sensitivity difference 0.88 − 0.85 with 100 positives per arm", () => {
    expect(coverage(12, (random) => newcombeDifference(binomial(random, 100, 0.88), 100, binomial(random, 100, 0.85), 100), 0.03)).toSatisfy((value: number) => value >= 0.93 && value <= 0.97);
  });
  it("paired Hodges–Lehmann: log reading-time ratio, 60 crossover pairs, true shift −0.2", () => {
    const sample = (random: () => number) => hodgesLehmannPaired(binSample(Array.from({ length: 60 }, () => -0.2 + 0.3 * normalDraw(random)), 0.005));
    expect(coverage(13, sample, -0.2)).toSatisfy((value: number) => value >= 0.93 && value <= 0.97);
  });
  it("two-sample Hodges–Lehmann: reading time in ms, 50 reads per arm, true shift −12 000 ms", () => {
    const times = (random: () => number, shift: number) => Array.from({ length: 50 }, () => 60_000 + shift + 15_000 * normalDraw(random));
    const sample = (random: () => number) => hodgesLehmannTwoSample(binSample(times(random, -12_000), 250), binSample(times(random, 0), 250));
    expect(coverage(14, sample, -12_000)).toSatisfy((value: number) => value >= 0.93 && value <= 0.97);
  });
  it("DeLong: AI AUC with 60 positives and 90 negatives, binormal scores, true AUC Φ(1.2/√2)", () => {
    const sample = (random: () => number) => {
      const bins = new Map<number, { bin: number; positives: number; negatives: number }>();
      const add = (score: number, positive: boolean) => {
        const bin = Math.round(score * 1000);
        const entry = bins.get(bin) ?? { bin, positives: 0, negatives: 0 };
        if (positive) entry.positives++;
        else entry.negatives++;
        bins.set(bin, entry);
      };
      for (let index = 0; index < 60; index++) add(1.2 + normalDraw(random), true);
      for (let index = 0; index < 90; index++) add(normalDraw(random), false);
      return delongAuc([...bins.values()]);
    };
    expect(coverage(16, sample, normalCdf(1.2 / Math.SQRT2))).toSatisfy((value: number) => value >= 0.93 && value <= 0.97);
  });
  it("mean: reading time in ms, 40 lognormal reads, true mean e^(μ + σ²/2)", () => {
    const moments = (values: number[]) => ({ n: values.length, sum: values.reduce((a, b) => a + b, 0), sumOfSquares: values.reduce((a, b) => a + b * b, 0) });
    const sample = (random: () => number) => meanInterval(moments(Array.from({ length: 40 }, () => Math.exp(Math.log(60_000) + 0.3 * normalDraw(random)))));
    expect(coverage(17, sample, 60_000 * Math.exp(0.045))).toSatisfy((value: number) => value >= 0.93 && value <= 0.97);
  });
  it("Welch: patient satisfaction difference, 60 vs 45 cases, unequal variances, true difference 0.3", () => {
    const moments = (values: number[]) => ({ n: values.length, sum: values.reduce((a, b) => a + b, 0), sumOfSquares: values.reduce((a, b) => a + b * b, 0) });
    const sample = (random: () => number) => meanDifferenceInterval(moments(Array.from({ length: 60 }, () => 3.8 + 0.6 * normalDraw(random))), moments(Array.from({ length: 45 }, () => 3.5 + 1.1 * normalDraw(random))));
    expect(coverage(18, sample, 0.3)).toSatisfy((value: number) => value >= 0.93 && value <= 0.97);
  });
  it("two-sample Hodges–Lehmann on the dashboard's log grid: 60 reads per arm, true log shift −0.2", () => {
    const logs = (random: () => number, shift: number) => Array.from({ length: 60 }, () => Math.log(60_000) + shift + 0.35 * normalDraw(random));
    const sample = (random: () => number) => hodgesLehmannTwoSample(binSample(logs(random, -0.2), logTimeBinWidth), binSample(logs(random, 0), logTimeBinWidth));
    expect(coverage(19, sample, -0.2)).toSatisfy((value: number) => value >= 0.93 && value <= 0.97);
  });
  it("Cohen's kappa: 200 aided reads, true κ = 0.6", () => {
    // Agreement model: both positive with prevalence 0.4 and agreement such that κ = 0.6 (pa = 0.4, po = 0.808 → κ = (0.808 − 0.52)/0.48 = 0.6).
    const sample = (random: () => number) => {
      const table = { bothPositive: 0, firstOnly: 0, secondOnly: 0, bothNegative: 0 };
      for (let index = 0; index < 200; index++) {
        const u = random();
        if (u < 0.304) table.bothPositive++;
        else if (u < 0.4) table.firstOnly++;
        else if (u < 0.496) table.secondOnly++;
        else table.bothNegative++;
      }
      return cohenKappa(table);
    };
    expect(coverage(15, sample, 0.6)).toSatisfy((value: number) => value >= 0.93 && value <= 0.97);
  });
});
