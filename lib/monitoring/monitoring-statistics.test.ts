import { describe, expect, it } from "vitest";
import { assessCalibration } from "./calibration";
import { binomialCusum, ewmaChart } from "./control-charts";
import { compareDistributions } from "./population-stability-index";

describe("compareDistributions", () => {
  it("matches PSI and chi-square worked by hand", () => {
    // Shares 0.5/0.5 → 0.8/0.2: PSI = 0.3·ln 1.6 + (−0.3)·ln 0.4 = 0.415888. Table [[50, 50], [80, 20]]:
    // expected 65/35 in both rows, χ² = 2·(15²/65 + 15²/35) = 19.78022, df 1.
    const drift = compareDistributions({ A: 50, B: 50 }, { A: 80, B: 20 });
    expect(drift.psi).toBeCloseTo(0.415888, 5);
    expect(drift.chiSquare).toBeCloseTo(19.78022, 4);
    expect(drift.degreesOfFreedom).toBe(1);
    expect(drift.p).toBeLessThan(1e-4);
    expect([drift.baselineN, drift.currentN]).toEqual([100, 100]);
  });
  it("stays finite when a category appears only after the baseline (a new scanner vendor)", () => {
    const drift = compareDistributions({ Siemens: 200, GE: 100 }, { Siemens: 100, GE: 50, Canon: 150 });
    expect(Number.isFinite(drift.psi)).toBe(true);
    expect(drift.psi).toBeGreaterThan(0.25);
    expect(drift.degreesOfFreedom).toBe(2);
  });
  it("finds no drift in identical shares", () => {
    const drift = compareDistributions({ A: 10, B: 30 }, { A: 100, B: 300 });
    expect(drift.psi).toBeCloseTo(0, 12);
    expect(drift.p).toBeCloseTo(1, 12);
  });
});

describe("control charts", () => {
  it("binomial CUSUM worked by hand", () => {
    // p0 = 0.1, p1 = 0.2: +ln 2 = 0.693147 per event, ln(0.8/0.9) = −0.117783 per non-event.
    // 10/100 → max(0, 6.93147 − 10.60047) = 0; 25/100 → 17.32868 − 8.83373 = 8.49495 ≥ 5.
    const chart = binomialCusum([{ period: "m1", events: 10, n: 100 }, { period: "m2", events: 25, n: 100 }], { baselineRate: 0.1, outOfControlRate: 0.2, threshold: 5 });
    expect(chart[0]!.statistic).toBe(0);
    expect(chart[1]!.statistic).toBeCloseTo(8.49495, 4);
    expect(chart.map((p) => p.signal)).toEqual([false, true]);
  });
  it("EWMA with exact limits worked by hand", () => {
    // λ = 0.2, p0 = 0.1, n = 100: z1 = 0.1, half-width 3·√(0.09·0.0004) = 0.018; z2 = 0.2·0.3 + 0.8·0.1 = 0.14,
    // Var factor 0.64·0.0004 + 0.0004 = 0.000656, half-width 3·√(0.09·0.000656) = 0.0230513.
    const chart = ewmaChart([{ period: "m1", events: 10, n: 100 }, { period: "m2", events: 30, n: 100 }], { baselineRate: 0.1 });
    expect(chart[0]!.upperLimit).toBeCloseTo(0.118, 6);
    expect(chart[1]!.ewma).toBeCloseTo(0.14, 12);
    expect(chart[1]!.upperLimit).toBeCloseTo(0.1230513, 6);
    expect(chart.map((p) => p.signal)).toEqual([false, true]);
  });
});

describe("assessCalibration", () => {
  const bins = (observed: (p: number) => number) =>
    Array.from({ length: 10 }, (_, bin) => {
      const p = (bin + 0.5) / 10;
      return { bin, positives: 10_000 * observed(p), negatives: 10_000 * (1 - observed(p)) };
    });
  it("finds a calibrated model calibrated: intercept 0, slope 1, ECE 0", () => {
    const calibration = assessCalibration(bins((p) => p), { binCount: 10 });
    expect(calibration.intercept).toBeCloseTo(0, 8);
    expect(calibration.slope).toBeCloseTo(1, 8);
    expect(calibration.expectedCalibrationError).toBeCloseTo(0, 12);
    expect(calibration.reliability).toHaveLength(10);
  });
  it("recovers a known miscalibration logit P = 0.5 + logit p", () => {
    const shifted = (p: number) => 1 / (1 + Math.exp(-(0.5 + Math.log(p / (1 - p)))));
    const calibration = assessCalibration(bins(shifted), { binCount: 10 });
    expect(calibration.intercept).toBeCloseTo(0.5, 8);
    expect(calibration.slope).toBeCloseTo(1, 8);
    expect(calibration.expectedCalibrationError).toBeGreaterThan(0.05);
  });
  it("reports nothing it cannot estimate", () => {
    const calibration = assessCalibration([{ bin: 3, positives: 0, negatives: 4 }], { binCount: 10 });
    expect(calibration.slope).toBeNull();
    expect(calibration.n).toBe(4);
  });
});
