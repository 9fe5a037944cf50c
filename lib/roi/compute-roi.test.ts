import { describe, expect, it } from "vitest";
import { computeRoi } from "./compute-roi";
import { monteCarloRoi } from "./monte-carlo-roi";
import type { RoiInputs } from "./schema";
import { tornado } from "./tornado";

const inputs: RoiInputs = {
  annualCaseVolume: 1_000, readerCostPerHourJpy: 10_000, repeatExamUnitCostJpy: 20_000, missedDiagnosisCostJpy: null,
  licencePerYearJpy: 1_000_000, gpuHostPerYearJpy: 500_000, governancePerYearJpy: 500_000, integrationOneOffJpy: 2_000_000, trainingOneOffJpy: 1_000_000,
  adoptionRamp: [0.5, 1], horizonYears: 3, discountRate: 0.1, kpiBasis: "estimate",
};
const benefits = { hoursSavedPerCase: 0.5, repeatExamsAvoidedPerCase: 0.05, missedDiagnosesAvoidedPerCase: 0 };

describe("computeRoi", () => {
  it("matches the hand-worked example", () => {
    // per case: 0.5 h × 10 000 + 0.05 × 20 000 = 6 000 JPY; running 2 000 000/yr; one-off 3 000 000
    // Y1: 500 cases → 3 000 000 − 2 000 000 = 1 000 000 → /1.1 = 909 090.91
    // Y2: 1 000 cases → 6 000 000 − 2 000 000 = 4 000 000 → /1.21 = 3 305 785.12
    // Y3: 4 000 000 → /1.331 = 3 005 259.20; NPV = −3 000 000 + 7 220 135.24 = 4 220 135.24
    const result = computeRoi(inputs, benefits);
    expect(result.npvJpy).toBeCloseTo(4_220_135.24, 1);
    // ROI = (15 000 000 − (3 000 000 + 3 × 2 000 000)) / 9 000 000 = 0.6667
    expect(result.roiRatio).toBeCloseTo(6 / 9, 10);
    // cumulative −3 000 000 → −2 000 000 after Y1; Y2 earns 4 000 000/12 a month → 6 months more: month 18
    expect(result.paybackMonth).toBe(18);
    expect(result.cashFlows.map((flow) => flow.netJpy)).toEqual([1_000_000, 4_000_000, 4_000_000]);
  });
  it("never pays back when benefits never cover running costs", () => {
    expect(computeRoi(inputs, { ...benefits, hoursSavedPerCase: 0, repeatExamsAvoidedPerCase: 0 }).paybackMonth).toBeNull();
  });
});

describe("tornado", () => {
  it("sorts inputs by NPV swing and computes each swing one way", () => {
    const measured = { hoursSavedPerCase: { estimate: 0.5, lower: 0.2, upper: 0.8, n: 100 }, repeatExamsAvoidedPerCase: null, missedDiagnosesAvoidedPerCase: null };
    const bars = tornado(inputs, benefits, measured);
    const swings = bars.map((bar) => bar.swingJpy);
    expect(swings).toEqual([...swings].sort((a, b) => b - a));
    // licence ±20% = ±200 000 a year → swing 400 000 × (1/1.1 + 1/1.21 + 1/1.331) = 400 000 × 2.486852 = 994 740.8
    expect(bars.find((bar) => bar.input === "licencePerYearJpy")!.swingJpy).toBeCloseTo(994_740.8, 0);
    // hours saved 0.2–0.8 h × 10 000 JPY × (500, 1 000, 1 000 cases) discounted: 6 000 × (500/1.1 + 1000/1.21 + 1000/1.331) = 9 279 300.5
    expect(bars[0]!.input).toBe("hoursSavedPerCase");
    expect(bars[0]!.swingJpy).toBeCloseTo(6_000 * (500 / 1.1 + 1000 / 1.21 + 1000 / 1.331), 0);
  });
});

describe("monteCarloRoi", () => {
  const measured = { hoursSavedPerCase: { estimate: 0.5, lower: 0.2, upper: 0.8, n: 100 }, repeatExamsAvoidedPerCase: { estimate: 0.05, lower: 0.05, upper: 0.05, n: 100 }, missedDiagnosesAvoidedPerCase: null };
  it("is reproducible from its seed and centred on the point NPV", () => {
    const first = monteCarloRoi(inputs, measured, { draws: 4_000 });
    expect(monteCarloRoi(inputs, measured, { draws: 4_000 })).toEqual(first);
    // NPV is linear in hours saved, so its median sits near the point NPV (4.22 M) and P5 < P50 < P95.
    expect(first.npvJpy.p50).toBeGreaterThan(4_220_135 * 0.9);
    expect(first.npvJpy.p50).toBeLessThan(4_220_135 * 1.1);
    expect(first.npvJpy.p5).toBeLessThan(first.npvJpy.p50);
    expect(first.npvJpy.p95).toBeGreaterThan(first.npvJpy.p50);
    expect(first.histogram.reduce((total, bin) => total + bin.count, 0)).toBe(4_000);
  });
  it("collapses to the point estimate without uncertainty", () => {
    const certain = { ...measured, hoursSavedPerCase: { estimate: 0.5, lower: 0.5, upper: 0.5, n: 100 } };
    const distribution = monteCarloRoi(inputs, certain, { draws: 100 });
    expect(distribution.npvJpy.p5).toBeCloseTo(4_220_135.24, 1);
    expect(distribution.probabilityNpvPositive).toBe(1);
  });
});
