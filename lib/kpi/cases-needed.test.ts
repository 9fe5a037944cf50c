import { describe, expect, it } from "vitest";
import { assessTarget } from "./assess-target";
import { casesNeeded } from "./cases-needed";

describe("casesNeeded (t-based power calculation)", () => {
  it("scales n by ((t.975 + t.8)·SE/|θ̂ − θ₀|)² with the df of the n it gives", () => {
    // SE = 0.2/3.92 = 0.05102; distance 0.1; two-sample df ≈ 205: t.975 = 1.9716, t.8 = 0.8430 →
    // 100·(2.8146·0.05102/0.1)² = 206.2 → 207 (the normal-quantile formula gave 205).
    expect(casesNeeded({ estimate: -0.1, lower: -0.2, upper: 0, n: 100, target: -0.2 })).toEqual({ requiredN: 207, additionalN: 107 });
  });
  it("matches the paired t-test table: effect size 1, 80% power, α = 0.05 → 10 pairs", () => {
    // 4 pairs with SD σ = 1 give SE = 0.5 and a 95% CI of ±1.96·0.5; the effect is 1 SD from the target.
    // Published: paired t, d = 1, power 0.80 → n = 10 (power 0.803; Cohen 1988, G*Power).
    expect(casesNeeded({ estimate: 1, lower: 1 - 0.98, upper: 1 + 0.98, n: 4, target: 0, design: "paired" }).requiredN).toBe(10);
  });
  it("cannot promise anything when the estimate sits on the target", () => {
    expect(casesNeeded({ estimate: -0.2, lower: -0.3, upper: -0.1, n: 50, target: -0.2 }).additionalN).toBeNull();
  });
});

describe("assessTarget", () => {
  it("passes only when the whole interval meets the target", () => {
    expect(assessTarget({ estimate: -0.3, lower: -0.35, upper: -0.25, n: 80 }, { comparator: "lte", value: -0.2 }).status).toBe("pass");
    expect(assessTarget({ estimate: -0.1, lower: -0.15, upper: -0.05, n: 80 }, { comparator: "lte", value: -0.2 }).status).toBe("fail");
    expect(assessTarget({ estimate: -0.22, lower: -0.3, upper: -0.1, n: 80 }, { comparator: "lte", value: -0.2 }).status).toBe("inconclusive");
    expect(assessTarget({ estimate: null, lower: null, upper: null, n: 0 }, { comparator: "gte", value: 0 }).status).toBe("noData");
  });
  it("gives no verdict below the method's minimum sample, even when the interval misses the target", () => {
    // PoC A after two paired reads: 6.2% (95% CI 5.7–6.7%, n = 2) against a target of ≤ −20% was shown as "not met".
    expect(assessTarget({ estimate: 0.062, lower: 0.057, upper: 0.067, n: 2 }, { comparator: "lte", value: -0.2 }, { estimable: false }).status).toBe("notEstimable");
  });
  it("collects data until the interval is as narrow as pre-registered, then needs enough cases for both precision and power", () => {
    const wide = assessTarget({ estimate: -0.4, lower: -0.7, upper: -0.25, n: 20 }, { comparator: "lte", value: -0.2 }, { precisionHalfWidth: 0.05 });
    // Half-width 0.225 → n·(0.225/0.05)² = 20·20.25 = 405 cases for the precision.
    expect(wide).toMatchObject({ status: "collecting", requiredN: 405, additionalN: 385 });
    expect(assessTarget({ estimate: -0.3, lower: -0.34, upper: -0.26, n: 400 }, { comparator: "lte", value: -0.2 }, { precisionHalfWidth: 0.05 }).status).toBe("pass");
  });
});
