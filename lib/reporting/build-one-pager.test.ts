import { describe, expect, it } from "vitest";
import type { KpiResult } from "@/lib/kpi/compute-kpis";
import type { buildRoiView } from "@/lib/roi/build-roi-view";

type RoiView = ReturnType<typeof buildRoiView>;
import { buildOnePager, payoffVerdict } from "./build-one-pager";

function kpi(overrides: Partial<KpiResult> & Pick<KpiResult, "key">): KpiResult {
  return { horizon: "short", unit: "ratio", method: "", estimate: 0.1, lower: 0.05, upper: 0.15, n: 100, target: { comparator: "gte", value: 0 }, status: "pass", requiredN: null, additionalN: 0, ...overrides } as KpiResult;
}

const bar = (input: string, swingJpy: number) => ({ input, lowValue: 0, highValue: 1, npvLowJpy: -swingJpy / 2, npvHighJpy: swingJpy / 2, swingJpy });
const roi = {
  results: [],
  base: { result: { npvJpy: 12_000_000, paybackMonth: 18, totalCostJpy: 9_000_000, cashFlows: [{ volume: 1000 }, { volume: 2000 }] } },
  tornado: [bar("licencePerYearJpy", 5), bar("annualCaseVolume", 50), bar("hoursSavedPerCase", 30), bar("discountRate", 1)],
  distribution: { npvJpy: { p5: -1, p50: 10, p95: 20 }, probabilityNpvPositive: 0.86 },
} as unknown as RoiView;
const measured = { hoursSavedPerCase: { estimate: 0.01, lower: 0.005, upper: 0.015, n: 40 }, repeatExamsAvoidedPerCase: null, missedDiagnosesAvoidedPerCase: null };

describe("buildOnePager", () => {
  const kpis = [
    kpi({ key: "sensitivityDifference", status: "inconclusive", additionalN: 120 }),
    kpi({ key: "readingTimeRelativeChange", status: "pass" }),
    kpi({ key: "aiAuc", target: null, status: "noTarget" }),
    kpi({ key: "specificityDifference", status: "noData", additionalN: null }),
  ];

  it("shows the targeted KPIs, primary first, and lists what is unsettled with the cases that would settle it", () => {
    const page = buildOnePager({ kpis, roi, measured, primaryKpi: "readingTimeRelativeChange" });
    expect(page.tiles.map((tile) => [tile.kpi.key, tile.primary])).toEqual([
      ["readingTimeRelativeChange", true],
      ["sensitivityDifference", false],
      ["specificityDifference", false],
    ]);
    expect(page.unsettled).toEqual([
      { key: "sensitivityDifference", status: "inconclusive", additionalN: 120 },
      { key: "specificityDifference", status: "noData", additionalN: null },
    ]);
    expect([page.met, page.missed]).toEqual([1, 0]);
  });

  it("gives the ROI range, payback and the three inputs that move the NPV most", () => {
    const page = buildOnePager({ kpis, roi, measured, primaryKpi: "readingTimeRelativeChange" });
    expect(page.roi).toEqual({ npvP5Jpy: -1, npvP50Jpy: 10, npvP95Jpy: 20, probabilityNpvPositive: 0.86, baseNpvJpy: 12_000_000, paybackMonth: 18, costPerCaseJpy: 3000, verdict: "likely" });
    expect(page.drivers.map((driver) => driver.input)).toEqual(["annualCaseVolume", "hoursSavedPerCase", "licencePerYearJpy"]);
  });

  it("claims no payoff while no benefit has been measured", () => {
    const page = buildOnePager({ kpis, roi, measured: { ...measured, hoursSavedPerCase: null }, primaryKpi: null });
    expect(page.roi.verdict).toBe("unknown");
    expect(page.roi.npvP50Jpy).toBeNull();
    expect(page.roi.paybackMonth).toBeNull();
    expect(page.drivers).toEqual([]);
  });
});

describe("payoffVerdict", () => {
  it("draws the lines at 80% and 20%", () => {
    expect([0.8, 0.79, 0.21, 0.2, null].map(payoffVerdict)).toEqual(["likely", "uncertain", "uncertain", "unlikely", "unknown"]);
  });
});
