import { describe, expect, it } from "vitest";
import { binSample } from "./binned-sample";
import { hodgesLehmannPaired, hodgesLehmannTwoSample } from "./hodges-lehmann";

describe("Hodges–Lehmann", () => {
  it("paired: median of the Walsh averages", () => {
    // differences −2, 1, 3 → Walsh averages −2, −0.5, 0.5, 1, 2, 3 → median (0.5 + 1)/2 = 0.75
    expect(hodgesLehmannPaired(binSample([-2, 1, 3], 1)).estimate).toBeCloseTo(0.75, 10);
  });
  it("paired: the interval takes Walsh averages at the signed-rank critical ranks", () => {
    // n = 5 → 15 averages; C = ⌊7.5 − 1.96·√(5·6·11/24)⌋ = ⌊0.23⌋ → 1: the extreme averages, 1 and 5
    const estimate = hodgesLehmannPaired(binSample([1, 2, 3, 4, 5], 1));
    expect(estimate).toMatchObject({ estimate: 3, lower: 1, upper: 5, n: 5 });
  });
  it("two-sample: median of all differences treated − control", () => {
    // treated 3, 5; control 1, 2 → differences 2, 1, 4, 3 → median 2.5
    expect(hodgesLehmannTwoSample(binSample([3, 5], 1), binSample([1, 2], 1)).estimate).toBeCloseTo(2.5, 10);
  });
});
