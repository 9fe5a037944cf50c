import { describe, expect, it } from "vitest";
import { meanDifferenceInterval, meanInterval } from "./mean-interval";

describe("mean intervals", () => {
  it("mean of 2, 4, 6", () => {
    // Σx = 12, Σx² = 56 → mean 4, s² = (56 − 144/3)/2 = 4, half-width 1.96·2/√3 = 2.2632
    const mean = meanInterval({ n: 3, sum: 12, sumOfSquares: 56 });
    expect(mean.estimate).toBe(4);
    expect(mean.upper! - 4).toBeCloseTo(2.2632, 3);
  });
  it("Welch difference of 2, 4, 6 and 1, 1, 1 (+1, s = 0)", () => {
    // 4 − 1 = 3; SE = √(4/3 + 0/3) = 1.1547; half-width 2.2632
    const difference = meanDifferenceInterval({ n: 3, sum: 12, sumOfSquares: 56 }, { n: 3, sum: 3, sumOfSquares: 3 });
    expect(difference.estimate).toBe(3);
    expect(difference.lower).toBeCloseTo(0.7368, 3);
  });
});
