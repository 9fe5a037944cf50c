import { describe, expect, it } from "vitest";
import { newcombeDifference } from "./newcombe-difference";

describe("newcombeDifference", () => {
  it("reproduces Newcombe (1998) table II example (a): 56/70 − 48/80", () => {
    // p1 − p2 = 0.8 − 0.6 = 0.2; method 10 interval published as 0.0524 to 0.3339
    const difference = newcombeDifference(56, 70, 48, 80);
    expect(difference.estimate).toBeCloseTo(0.2, 10);
    expect(difference.lower).toBeCloseTo(0.0524, 3);
    expect(difference.upper).toBeCloseTo(0.3339, 3);
    expect(difference.n).toBe(150);
  });
});
