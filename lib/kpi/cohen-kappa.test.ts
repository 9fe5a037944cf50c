import { describe, expect, it } from "vitest";
import { cohenKappa } from "./cohen-kappa";

describe("cohenKappa", () => {
  it("matches a hand-worked 2×2 table", () => {
    // n = 50; po = (20 + 15)/50 = 0.7; marginals 0.5 and 0.6 → pe = 0.5·0.6 + 0.5·0.4 = 0.5; κ = 0.2/0.5 = 0.4
    // FCE variance: 0.4·0.34² + 0.3·0.46² + 0.36·0.1·1.1² + 0.36·0.2·0.9² − (0.4 − 0.3)² = 0.2016; SE = √(0.2016/(50·0.25)) = 0.12700
    const kappa = cohenKappa({ bothPositive: 20, firstOnly: 5, secondOnly: 10, bothNegative: 15 });
    expect(kappa.estimate).toBeCloseTo(0.4, 10);
    expect(kappa.lower).toBeCloseTo(0.4 - 1.959964 * 0.127, 3);
    expect(kappa.upper).toBeCloseTo(0.4 + 1.959964 * 0.127, 3);
    expect(kappa.n).toBe(50);
  });
  it("is 1 for perfect agreement", () => {
    expect(cohenKappa({ bothPositive: 10, firstOnly: 0, secondOnly: 0, bothNegative: 10 }).estimate).toBe(1);
  });
});
