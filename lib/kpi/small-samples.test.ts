import { describe, expect, it } from "vitest";
import { buildRoiView } from "@/lib/roi/build-roi-view";
import { defaultScenarios } from "@/lib/roi/default-scenarios";
import { deriveMeasuredRoiInputs } from "@/lib/roi/derive-measured-inputs";
import { computeKpis } from "./compute-kpis";
import type { KpiAggregates, ReadCell } from "./kpi-aggregates";
import { poolKpis } from "./pool-by-precision";

const moments = (values: number[]) => ({ n: values.length, sum: values.reduce((a, b) => a + b, 0), sumOfSquares: values.reduce((a, b) => a + b * b, 0) });
const cell = (overrides: Partial<ReadCell>): ReadCell => ({ arm: "UNAIDED", truth: true, finalCall: true, changedAfterAi: null, aiOpened: null, aiCall: null, reads: 1, activeMs: moments([60_000]), usefulness: moments([]), ...overrides });

/** A crossover PoC after two paired reads: aided reads 6.2% slower (PoC A in issue 12). */
function twoPairedReads(): KpiAggregates {
  return {
    readCells: [cell({ activeMs: moments([60_000, 62_000]), reads: 2 }), cell({ arm: "AIDED", activeMs: moments([63_720, 65_844]), reads: 2 })],
    armTimeBins: [],
    pairedTimeBins: [{ scale: "log", bin: 12, count: 1 }, { scale: "log", bin: 13, count: 1 }, { scale: "ms", bin: 15, count: 1 }, { scale: "ms", bin: 15, count: 1 }],
    aiScores: [], caseOutcomes: [], activeMonths: 1,
  };
}

describe("small samples (issue 12 §2)", () => {
  const targets = [{ kpi: "readingTimeRelativeChange", comparator: "lte", targetValue: -0.2 }];

  it("shows no verdict after two paired reads: not estimable yet (n = 2; needs ≥ 6)", () => {
    const time = computeKpis(twoPairedReads(), targets).find((kpi) => kpi.key === "readingTimeRelativeChange")!;
    expect(time.sample).toMatchObject({ method: "signedRank", n: 2, needs: 6 });
    expect(time.estimable).toBe(false);
    expect(time.status).toBe("notEstimable");
  });

  it("keeps the ROI range wide: an imprecise benefit falls back to the scenario's assumed range", () => {
    const measured = deriveMeasuredRoiInputs(computeKpis(twoPairedReads(), targets));
    expect(measured.hoursSavedPerCase).toBeNull();
    const view = buildRoiView(defaultScenarios.map((scenario, index) => ({ id: `s${index}`, name: scenario.name, kind: scenario.kind, inputs: scenario.inputs })), measured);
    expect(view.benefitInputs?.hoursSavedPerCase).toMatchObject({ source: "assumed", n: 0 });
    // Not one value: P5 < P50 < P95 and more than one histogram bar.
    const distribution = view.distribution!;
    expect(distribution.npvJpy.p5).toBeLessThan(distribution.npvJpy.p50);
    expect(distribution.npvJpy.p50).toBeLessThan(distribution.npvJpy.p95);
    expect(distribution.histogram.filter((bar) => bar.count > 0).length).toBeGreaterThan(1);
  });

  it("keeps a PoC that is not estimable out of the portfolio figure", () => {
    const large = computeKpis({ ...twoPairedReads(), pairedTimeBins: [...Array.from({ length: 400 }, (_, index) => ({ scale: "log" as const, bin: -50 + (index % 20), count: 1 }))] }, []);
    const small = computeKpis(twoPairedReads(), []);
    const portfolio = poolKpis([{ pocId: "large", siteId: "s1", kpis: large }, { pocId: "small", siteId: "s1", kpis: small }]);
    const pooled = portfolio.find((kpi) => kpi.key === "readingTimeRelativeChange")!;
    const alone = large.find((kpi) => kpi.key === "readingTimeRelativeChange")!;
    expect(pooled.estimate).toBeCloseTo(alone.estimate!, 12);
    expect(pooled.sample.n).toBe(1);
  });
});
