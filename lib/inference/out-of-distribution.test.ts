import { describe, expect, it } from "vitest";
import { createOutOfDistributionScorer } from "./out-of-distribution";

describe("createOutOfDistributionScorer", () => {
  const identity = [
    [1, 0],
    [0, 1],
  ];

  it("is the Euclidean distance to the mean under an identity whitening", () => {
    const score = createOutOfDistributionScorer({ mean: [1, 1], whitening: identity, threshold: 5 });
    expect(score(Float32Array.from([4, 5])).score).toBeCloseTo(5, 6);
    expect(score(Float32Array.from([4, 5])).flagged).toBe(false);
    expect(score(Float32Array.from([4, 5.1])).flagged).toBe(true);
  });

  it("applies the whitening matrix (scales and mixes axes)", () => {
    // W = [[2, 0], [1, 1]]: W (e - m) for e - m = (1, -1) is (2, 0).
    const score = createOutOfDistributionScorer({ mean: [0, 0], whitening: [[2, 0], [1, 1]], threshold: 1 });
    expect(score(Float32Array.from([1, -1])).score).toBeCloseTo(2, 6);
  });

  it("flags a non-finite embedding and refuses a wrong size", () => {
    const score = createOutOfDistributionScorer({ mean: [0, 0], whitening: identity, threshold: 1 });
    expect(score(Float32Array.from([Number.NaN, 0])).flagged).toBe(true);
    expect(() => score(Float32Array.from([0, 0, 0]))).toThrow(RangeError);
  });
});
