import { describe, expect, it } from "vitest";
import { assessTarget } from "./assess-target";
import { casesNeeded } from "./cases-needed";

describe("casesNeeded", () => {
  it("scales n by ((z.975 + z.8)·SE/|θ̂ − θ₀|)²", () => {
    // SE = 0.2/3.92 = 0.05102; distance 0.1; (2.8016·0.05102/0.1)² = 2.0431 → ⌈100·2.0431⌉ = 205, i.e. 105 more
    expect(casesNeeded({ estimate: -0.1, lower: -0.2, upper: 0, n: 100, target: -0.2 })).toEqual({ requiredN: 205, additionalN: 105 });
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
});
