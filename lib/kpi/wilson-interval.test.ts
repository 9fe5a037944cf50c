import { describe, expect, it } from "vitest";
import { wilsonInterval } from "./wilson-interval";

describe("wilsonInterval", () => {
  it("matches the hand-worked 8/10 example", () => {
    // p = 0.8, z² = 3.8415; centre = (8 + 1.9207)/13.8415 = 0.71674; half = 1.96·√(10·0.16 + 0.9604)/13.8415 = 0.22658
    const interval = wilsonInterval(8, 10);
    expect(interval.estimate).toBe(0.8);
    expect(interval.lower).toBeCloseTo(0.4902, 4);
    expect(interval.upper).toBeCloseTo(0.9433, 4);
  });
  it("stays inside [0, 1] at the edges and says nothing for n = 0", () => {
    expect(wilsonInterval(0, 5).lower).toBe(0);
    expect(wilsonInterval(5, 5).upper).toBe(1);
    expect(wilsonInterval(0, 0).estimate).toBeNull();
  });
});
