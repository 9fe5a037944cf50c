import { describe, expect, it } from "vitest";
import { amendedFields, analysisPlanHash } from "./lock-analysis-plan";
import { planSampleSize } from "./plan-sample-size";
import { analysisPlanSchema, type AnalysisPlan } from "./schema";

const plan = (overrides: Partial<AnalysisPlan> = {}): AnalysisPlan => ({
  primaryEndpoint: "readingTimeRelativeChange", secondaryEndpoints: ["sensitivityDifference"], design: "RANDOMISED", plannedReaders: 5,
  targets: [{ kpi: "readingTimeRelativeChange", comparator: "lte", targetValue: -0.2, precisionHalfWidth: 0.05 }],
  minimumDetectableEffect: 0.2, nuisance: { kind: "standardDeviation", value: 0.35 }, prevalence: 0.35, alpha: 0.05, power: 0.8,
  interimLooks: 0, alphaSpending: "none", subgroups: ["site"], ...overrides,
});

describe("analysis plan sample size", () => {
  it("two-sample mean: 2·((1.95996 + 0.84162)·0.35/0.2)² = 48.07 → 49 per arm", () => {
    expect(planSampleSize(plan())).toMatchObject({ formula: "twoSampleMean", perArm: 49, cases: 98, inflationFactor: 1 });
  });
  it("paired (crossover): ((1.95996 + 0.84162)·0.35/0.2)² = 24.04 → 25 pairs", () => {
    expect(planSampleSize(plan({ design: "CROSSOVER" }))).toMatchObject({ formula: "pairedMean", perArm: 25, cases: 25 });
  });
  it("two proportions (Fleiss): sensitivity 0.80 → 0.88 needs 329 positives per arm, 1880 cases at 35% prevalence", () => {
    // p̄ = 0.84: (1.95996·√(2·0.84·0.16) + 0.84162·√(0.16 + 0.1056))² / 0.08² = 1.44992² / 0.0064 = 328.5
    const sensitivity = plan({ primaryEndpoint: "sensitivityDifference", targets: [{ kpi: "sensitivityDifference", comparator: "gte", targetValue: -0.02, precisionHalfWidth: 0.05 }], minimumDetectableEffect: 0.08, nuisance: { kind: "baselineProportion", value: 0.8 } });
    expect(planSampleSize(sensitivity)).toMatchObject({ formula: "twoProportions", perArm: 329, cases: 1880 });
  });
  it("inflates for interim looks by the group-sequential factor (two looks, O'Brien–Fleming: 1.017)", () => {
    expect(planSampleSize(plan({ interimLooks: 2, alphaSpending: "obrienFleming" }))).toMatchObject({ perArmFixed: 49, perArm: 49, inflationFactor: 1.017 });
    expect(planSampleSize(plan({ interimLooks: 2, alphaSpending: "pocock" })).perArm).toBe(Math.ceil(48.07 * 1.166));
  });
});

describe("locking the plan", () => {
  it("hashes the same plan the same whatever the key order, and any change differently", () => {
    const first = plan();
    const reordered = Object.fromEntries(Object.entries(first).reverse()) as AnalysisPlan;
    expect(analysisPlanHash(reordered)).toBe(analysisPlanHash(first));
    expect(analysisPlanHash(plan({ alpha: 0.025 }))).not.toBe(analysisPlanHash(first));
    expect(amendedFields(first, plan({ alpha: 0.025, subgroups: [] }))).toEqual(["subgroups", "alpha"].sort((a, b) => Object.keys(first).indexOf(a) - Object.keys(first).indexOf(b)));
  });
  it("refuses interim looks without a spending rule and a primary endpoint without a target", () => {
    expect(analysisPlanSchema.safeParse(plan({ interimLooks: 1 })).success).toBe(false);
    expect(analysisPlanSchema.safeParse(plan({ primaryEndpoint: "aiAuc" })).success).toBe(false);
    expect(analysisPlanSchema.safeParse(plan()).success).toBe(true);
  });
});
