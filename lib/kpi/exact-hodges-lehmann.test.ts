import { describe, expect, it } from "vitest";
import { binSample } from "./binned-sample";
import { casesNeeded } from "./cases-needed";
import { exactHodgesLehmannPaired, exactHodgesLehmannTwoSample } from "./exact-hodges-lehmann";
import { hodgesLehmannPaired, hodgesLehmannTwoSample } from "./hodges-lehmann";
import { logTimeBinWidth, msTimeBinWidth } from "./kpi-aggregates";
import { normalDraw, seededRandom } from "./seeded-random";

describe("exact Hodges–Lehmann", () => {
  it("equals the textbook values on small samples", () => {
    // Walsh averages of (1, 2, 4): 1, 1.5, 2, 2.5, 3, 4 → median 2.25.
    expect(exactHodgesLehmannPaired([1, 2, 4]).estimate).toBeCloseTo(2.25, 12);
    // Differences y − x of (5, 7) − (1, 2): 3, 4, 5, 6 → median 4.5.
    expect(exactHodgesLehmannTwoSample([5, 7], [1, 2]).estimate).toBeCloseTo(4.5, 12);
  });

  // Issue 12 §3: on a 0.005 log grid "cases still needed" moved by 22% at an estimate near its target. On the
  // dashboard's grid every reading-time figure, cases still needed included, stays within 1% of the exact value.
  it("the dashboard grid keeps every reading-time figure within 1% of the exact computation", () => {
    const random = seededRandom(31);
    const unaided = Array.from({ length: 4000 }, () => Math.round(Math.exp(Math.log(62_000) + 0.35 * normalDraw(random))));
    const aided = Array.from({ length: 4000 }, () => Math.round(Math.exp(Math.log(50_500) + 0.35 * normalDraw(random))));
    const log = (values: number[]) => values.map((value) => Math.log(value));
    const exact = exactHodgesLehmannTwoSample(log(aided), log(unaided));
    const grid = hodgesLehmannTwoSample(binSample(log(aided), logTimeBinWidth), binSample(log(unaided), logTimeBinWidth));
    const relative = (value: number | null) => Math.exp(value!) - 1;
    for (const end of ["estimate", "lower", "upper"] as const) expect(Math.abs(relative(grid[end]) / relative(exact[end]) - 1)).toBeLessThan(0.01);
    const needed = (estimate: typeof exact) => casesNeeded({ estimate: relative(estimate.estimate), lower: relative(estimate.lower), upper: relative(estimate.upper), n: 8000, target: -0.2 }).requiredN!;
    expect(Math.abs(needed(grid) / needed(exact) - 1)).toBeLessThan(0.01);
    // Reading times are whole milliseconds; the 10 ms grid moves the ms shift by at most 5 ms.
    const ms = hodgesLehmannTwoSample(binSample(aided, msTimeBinWidth), binSample(unaided, msTimeBinWidth));
    expect(Math.abs(ms.estimate! - exactHodgesLehmannTwoSample(aided, unaided).estimate!)).toBeLessThanOrEqual(5);
    const pairs = Array.from({ length: 3000 }, () => -0.2 + 0.3 * normalDraw(random));
    expect(Math.abs(hodgesLehmannPaired(binSample(pairs, logTimeBinWidth)).estimate! - exactHodgesLehmannPaired(pairs).estimate!)).toBeLessThanOrEqual(logTimeBinWidth / 2);
  });
});
