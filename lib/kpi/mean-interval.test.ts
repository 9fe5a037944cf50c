import { describe, expect, it } from "vitest";
import { meanDifferenceInterval, meanInterval } from "./mean-interval";

describe("mean intervals", () => {
  it("mean of 2, 4, 6", () => {
    // Σx = 12, Σx² = 56 → mean 4, s² = (56 − 144/3)/2 = 4, half-width t(0.975; 2)·2/√3 = 4.302653·1.154701 = 4.9683
    const mean = meanInterval({ n: 3, sum: 12, sumOfSquares: 56 });
    expect(mean.estimate).toBe(4);
    expect(mean.upper! - 4).toBeCloseTo(4.9683, 3);
  });
  it("Welch difference of 2, 4, 6 and 1, 1, 1 (+1, s = 0)", () => {
    // 4 − 1 = 3; SE = √(4/3 + 0/3) = 1.1547; ν = (4/3)² / ((4/3)²/2) = 2; half-width 4.302653·1.1547 = 4.9683
    const difference = meanDifferenceInterval({ n: 3, sum: 12, sumOfSquares: 56 }, { n: 3, sum: 3, sumOfSquares: 3 });
    expect(difference.estimate).toBe(3);
    expect(difference.lower).toBeCloseTo(-1.9683, 3);
  });
});
