import { describe, expect, it } from "vitest";
import { allocationDraw, crossoverArms, randomisedArm } from "./assign-arm";

describe("arm allocation", () => {
  it("is reproducible from the recorded seed and differs across readers", () => {
    expect(allocationDraw(42, "case-1", "reader-a")).toBe(allocationDraw(42, "case-1", "reader-a"));
    expect(allocationDraw(42, "case-1", "reader-a")).not.toBe(allocationDraw(42, "case-1", "reader-b"));
    expect(allocationDraw(42, "case-1", "reader-a")).not.toBe(allocationDraw(43, "case-1", "reader-a"));
  });

  it("respects the configured aided share over many cases (binomial, 4 SD)", () => {
    for (const share of [0.5, 0.3]) {
      const n = 4000;
      const aided = Array.from({ length: n }, (_, index) => randomisedArm(7, `case-${index}`, "reader", share)).filter((arm) => arm === "AIDED").length;
      const sd = Math.sqrt(n * share * (1 - share));
      expect(Math.abs(aided - n * share)).toBeLessThan(4 * sd);
    }
  });

  it("gives crossover periods opposite arms", () => {
    for (let index = 0; index < 50; index++) {
      const [first, second] = crossoverArms(3, `case-${index}`, "reader");
      expect(first).not.toBe(second);
    }
  });

  it("never assigns the aided arm with share 0, always with share 1", () => {
    expect(randomisedArm(1, "c", "r", 0)).toBe("UNAIDED");
    expect(randomisedArm(1, "c", "r", 1)).toBe("AIDED");
  });
});
