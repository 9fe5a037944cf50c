import { describe, expect, it } from "vitest";
import { binSample } from "./binned-sample";
import { hodgesLehmannPaired, hodgesLehmannTwoSample } from "./hodges-lehmann";
import { z95 } from "./normal-distribution";

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

describe("Hodges–Lehmann by rank search", () => {
  // Every pairwise value listed and sorted: the definition, for small samples.
  const brute = (values: number[], pairs: number[], critical: number) => {
    pairs.sort((a, b) => a - b);
    const total = pairs.length;
    const median = total % 2 ? pairs[(total - 1) / 2]! : (pairs[total / 2 - 1]! + pairs[total / 2]!) / 2;
    return { estimate: median, lower: pairs[critical - 1], upper: pairs[total - critical], n: values.length };
  };
  const draw = (seed: number, size: number) => Array.from({ length: size }, (_, index) => ((seed * 7919 + index * 104_729) % 61) - 25);

  it("matches the listed Walsh averages and differences on integer samples", () => {
    for (let seed = 1; seed <= 30; seed++) {
      const x = draw(seed, 5 + (seed % 17));
      const y = draw(seed + 100, 3 + (seed % 11)).map((value) => value + 4);
      const walsh = x.flatMap((left, i) => x.slice(i).map((right) => (left + right) / 2));
      const n = x.length;
      const pairedCritical = Math.max(1, Math.floor(n * (n + 1) / 4 - z95 * Math.sqrt((n * (n + 1) * (2 * n + 1)) / 24)));
      expect(hodgesLehmannPaired(binSample(x, 1))).toEqual(brute(x, walsh, pairedCritical));

      const differences = y.flatMap((treated) => x.map((control) => treated - control));
      const mn = differences.length;
      const twoSampleCritical = Math.max(1, Math.floor(mn / 2 - z95 * Math.sqrt((mn * (x.length + y.length + 1)) / 12)));
      expect(hodgesLehmannTwoSample(binSample(y, 1), binSample(x, 1))).toEqual({ ...brute(y, differences, twoSampleCritical), n: x.length + y.length });
    }
  });
});
