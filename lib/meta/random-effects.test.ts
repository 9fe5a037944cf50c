import { describe, expect, it } from "vitest";
import { logRiskRatio, meanDifference, riskDifference } from "./effect-sizes";
import { metaAnalyse } from "./random-effects";

// metafor's dat.bcg (Colditz et al. 1994): BCG vaccine trials, TB cases / no TB in vaccinated and control arms.
const bcg = [
  [4, 119, 11, 128], [6, 300, 29, 274], [3, 228, 11, 209], [62, 13536, 248, 12619], [33, 5036, 47, 5761], [180, 1361, 372, 1079],
  [8, 2537, 10, 619], [505, 87886, 499, 87892], [29, 7470, 45, 7232], [17, 1699, 65, 1600], [186, 50448, 141, 27197], [5, 2493, 3, 2338],
  [27, 16886, 29, 17825],
] as const;
const bcgLogRr = bcg.map(([tpos, tneg, cpos, cneg], i) => logRiskRatio(`trial ${i + 1}`, { eventsA: tpos, totalA: tpos + tneg, eventsB: cpos, totalB: cpos + cneg }));

describe("metaAnalyse against metafor on dat.bcg (log risk ratio)", () => {
  const result = metaAnalyse(bcgLogRr);
  it("reproduces escalc's effect sizes", () => {
    // escalc(measure="RR"): trial 1 yi = -0.8893, vi = 0.3256; trial 8 yi = 0.0120, vi = 0.0040.
    expect(bcgLogRr[0]!.estimate).toBeCloseTo(-0.8893, 4);
    expect(bcgLogRr[0]!.variance).toBeCloseTo(0.3256, 4);
    expect(bcgLogRr[7]!.estimate).toBeCloseTo(0.012, 4);
  });
  it("matches rma(method = 'FE') and Cochran's Q", () => {
    // metafor tests/testthat/test_misc_metan_vs_rma.uni_with_dat.bcg.r: -0.4303 [-0.5097, -0.3509], z = -10.6247, QE = 152.2330.
    expect(result.fixed.estimate).toBeCloseTo(-0.4303, 4);
    expect(result.fixed.lower).toBeCloseTo(-0.5097, 4);
    expect(result.fixed.upper).toBeCloseTo(-0.3509, 4);
    expect(result.fixed.statistic).toBeCloseTo(-10.6247, 3);
    expect(result.heterogeneity.q).toBeCloseTo(152.233, 3);
    expect(result.heterogeneity.degreesOfFreedom).toBe(12);
    expect(result.heterogeneity.p).toBeLessThan(1e-4);
  });
  it("matches rma(method = 'DL')", () => {
    // Same file: -0.7141 [-1.0644, -0.3638], z = -3.9952, τ² = 0.3088, I² = 92.1173 %; exp: 0.4896 [0.3449, 0.6950].
    const dl = result.dersimonianLaird;
    expect(dl.wald.estimate).toBeCloseTo(-0.7141, 4);
    expect(dl.wald.lower).toBeCloseTo(-1.0644, 4);
    expect(dl.wald.upper).toBeCloseTo(-0.3638, 4);
    expect(dl.wald.statistic).toBeCloseTo(-3.9952, 3);
    expect(dl.tauSquared).toBeCloseTo(0.3088, 4);
    expect(dl.iSquaredPercent).toBeCloseTo(92.1173, 3);
    expect(Math.exp(dl.wald.estimate)).toBeCloseTo(0.4896, 4);
  });
  it("matches rma(test = 'knha') with REML, and its prediction interval", () => {
    // metafor README: τ² = 0.3132, I² = 92.22 %, H² = 12.86; -0.7145, SE 0.1808, t = -3.9522, df 12, p = 0.0019,
    // [-1.1084, -0.3206]; predict(transf = exp): pi.lb 0.14, pi.ub 1.76.
    const reml = result.reml;
    expect(reml.tauSquared).toBeCloseTo(0.3132, 4);
    expect(reml.iSquaredPercent).toBeCloseTo(92.22, 2);
    expect(reml.hSquared).toBeCloseTo(12.86, 2);
    expect(reml.hartungKnapp.estimate).toBeCloseTo(-0.7145, 4);
    expect(reml.hartungKnapp.se).toBeCloseTo(0.1808, 4);
    expect(reml.hartungKnapp.statistic).toBeCloseTo(-3.9522, 3);
    expect(reml.hartungKnapp.degreesOfFreedom).toBe(12);
    expect(reml.hartungKnapp.p).toBeCloseTo(0.0019, 4);
    expect(reml.hartungKnapp.lower).toBeCloseTo(-1.1084, 4);
    expect(reml.hartungKnapp.upper).toBeCloseTo(-0.3206, 4);
    expect(Math.exp(reml.predictionHartungKnapp.lower)).toBeCloseTo(0.14, 2);
    expect(Math.exp(reml.predictionHartungKnapp.upper)).toBeCloseTo(1.76, 2);
  });
});

describe("metaAnalyse on a case worked by hand", () => {
  it("y = 0, 1, 2 with v = ½ each: Q = 4, τ² = ½ by both estimators, I² = 50 %", () => {
    // w = 2 each: μ_FE = 1, Q = Σw(y − μ)² = 4, C = Σw − Σw²/Σw = 4, τ²_DL = (4 − 2)/4 = ½; with equal v the REML
    // solution is s² − v = 1 − ½ = ½. RE weights 1 each: SE = 1/√3; HK SE² = Σw(y − μ)²/((k − 1)Σw) = 2/6.
    const result = metaAnalyse([
      { label: "a", estimate: 0, variance: 0.5 },
      { label: "b", estimate: 1, variance: 0.5 },
      { label: "c", estimate: 2, variance: 0.5 },
    ]);
    expect(result.heterogeneity.q).toBeCloseTo(4, 12);
    expect(result.dersimonianLaird.tauSquared).toBeCloseTo(0.5, 12);
    expect(result.reml.tauSquared).toBeCloseTo(0.5, 10);
    expect(result.reml.iSquaredPercent).toBeCloseTo(50, 10);
    expect(result.reml.wald.se).toBeCloseTo(1 / Math.sqrt(3), 10);
    expect(result.reml.hartungKnapp.se).toBeCloseTo(Math.sqrt(1 / 3), 10);
    expect(result.fixed.weightsPercent).toEqual([100 / 3, 100 / 3, 100 / 3].map((w) => expect.closeTo(w, 10)));
  });
  it("truncates τ² at zero for homogeneous studies and refuses fewer than two", () => {
    const homogeneous = metaAnalyse([
      { label: "a", estimate: 1, variance: 1 },
      { label: "b", estimate: 1.1, variance: 1 },
    ]);
    expect(homogeneous.dersimonianLaird.tauSquared).toBe(0);
    expect(homogeneous.reml.tauSquared).toBe(0);
    expect(() => metaAnalyse([{ label: "a", estimate: 1, variance: 1 }])).toThrow(RangeError);
  });
});

describe("effect sizes from sufficient statistics", () => {
  it("risk difference and mean difference", () => {
    const rd = riskDifference("s", { eventsA: 30, totalA: 100, eventsB: 20, totalB: 100 });
    expect(rd.estimate).toBeCloseTo(0.1, 12);
    expect(rd.variance).toBeCloseTo(0.3 * 0.7 / 100 + 0.2 * 0.8 / 100, 12);
    // A zero cell: ½ added to every cell, (0.5/11) − (5.5/11) = −0.4545…
    expect(riskDifference("z", { eventsA: 0, totalA: 10, eventsB: 5, totalB: 10 }).estimate).toBeCloseTo(0.5 / 11 - 5.5 / 11, 12);
    // Samples {1,2,3} and {2,4}: means 2 and 3, variances 1 and 2 → MD = −1, var = 1/3 + 2/2.
    const md = meanDifference("s", { n: 3, sum: 6, sumOfSquares: 14 }, { n: 2, sum: 6, sumOfSquares: 20 });
    expect(md.estimate).toBeCloseTo(-1, 12);
    expect(md.variance).toBeCloseTo(1 / 3 + 1, 12);
  });
});
