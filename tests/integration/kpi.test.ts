import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getKpiDashboard } from "@/lib/kpi/get-kpi-dashboard";
import type { KpiKey } from "@/lib/kpi/kpi-definitions";
import { buildCase, buildModelVersion, buildPoc, buildSite, buildUser } from "./builders";
import { createTestDatabase, testTargets, type TestDatabase } from "./test-database";

// A crossover PoC of four cases, one reader, both arms, small enough to compute every KPI by hand.
const crossoverCases = [
  { sex: "M", truth: true, unaidedMs: 60_000, aidedMs: 48_000, unaidedCall: true, aidedCall: true, changed: false, probability: 0.9 },
  { sex: "F", truth: true, unaidedMs: 80_000, aidedMs: 60_000, unaidedCall: false, aidedCall: true, changed: true, probability: 0.7 },
  { sex: "M", truth: false, unaidedMs: 50_000, aidedMs: 45_000, unaidedCall: false, aidedCall: false, changed: false, probability: 0.2 },
  { sex: "F", truth: false, unaidedMs: 70_000, aidedMs: 56_000, unaidedCall: true, aidedCall: false, changed: true, probability: 0.6 },
];

describe.each(testTargets)("KPI dashboard data on %s", (kind) => {
  let database: TestDatabase;
  let siteId: string;
  let readerId: string;
  let modelVersionId: string;
  const viewer = () => ({ role: "EXECUTIVE" as const, siteIds: [siteId] });

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    siteId = (await buildSite(database.db)).id;
    readerId = (await buildUser(database.db, { siteIds: [siteId] })).id;
    modelVersionId = (await buildModelVersion(database.db)).id;
  });
  afterAll(() => database.drop());

  async function addCase(pocId: string, spec: { sex: string; truth: boolean; probability: number; repeatExam?: boolean }) {
    const item = await buildCase(database.db, { pocId, createdById: readerId, sex: spec.sex });
    await database.db.inference.create({ data: { caseId: item.id, modelVersionId, status: "SUCCEEDED", probability: spec.probability } });
    await database.db.outcome.create({ data: { caseId: item.id, referencePresent: spec.truth, referenceSource: "PATHOLOGY", repeatExamOrdered: spec.repeatExam ?? false, recordedById: readerId } });
    return item;
  }
  const completed = { status: "COMPLETED" as const, endedAt: new Date("2026-03-15T10:00:00Z"), confidence: 80 };

  it("computes every short-term KPI of a crossover PoC as worked by hand", async () => {
    const poc = await buildPoc(database.db, {
      siteId, modelVersionId, readingDesign: "CROSSOVER",
      kpiTargets: { create: [{ kpi: "readingTimeRelativeChange", comparator: "lte", targetValue: -0.2, unit: "ratio", isPrimary: true }, { kpi: "sensitivityDifference", comparator: "gte", targetValue: -0.02, unit: "ratio" }] },
    });
    for (const spec of crossoverCases) {
      const item = await addCase(poc.id, spec);
      await database.db.read.createMany({
        data: [
          { ...completed, caseId: item.id, readerId, arm: "UNAIDED", period: 1, activeMs: spec.unaidedMs, totalMs: spec.unaidedMs, finalCall: spec.unaidedCall },
          { ...completed, caseId: item.id, readerId, arm: "AIDED", period: 2, activeMs: spec.aidedMs, totalMs: spec.aidedMs, finalCall: spec.aidedCall, changedAfterAi: spec.changed, aiOpened: true, usefulness: spec.changed ? 5 : 3 },
        ],
      });
    }
    const dashboard = await getKpiDashboard(database.db, viewer(), poc.id);
    const kpi = (key: KpiKey) => dashboard.kpis.find((item) => item.key === key)!;

    // Paired differences (aided − unaided): −12, −20, −5, −14 s. Walsh averages, sorted:
    // −20, −17, −16, −14, −13, −12.5, −12, −9.5, −8.5, −5 → median (−13 − 12.5)/2 = −12.75 s.
    expect(kpi("readingTimeMedianDifferenceMs")).toMatchObject({ estimate: -12_750, n: 4 });
    // Log ratios ln(48/60), ln(60/80), ln(45/50), ln(56/70) on the 0.0001 grid: −0.2231, −0.2877, −0.1054, −0.2231;
    // the median of their Walsh averages is −0.2231, so the relative change is e^−0.2231 − 1 = −0.1999.
    expect(kpi("readingTimeRelativeChange").estimate).toBeCloseTo(Math.exp(-0.2231) - 1, 10);
    expect(kpi("readingTimeRelativeChange").target).toEqual({ comparator: "lte", value: -0.2 });
    // With n = 4 pairs an exact signed-rank interval cannot reach 95% (needs 6): no verdict yet.
    expect(kpi("readingTimeRelativeChange")).toMatchObject({ status: "notEstimable", estimable: false, sample: { method: "signedRank", n: 4, needs: 6 } });
    expect(kpi("readingTimeMeanUnaidedMs")).toMatchObject({ estimate: 65_000, n: 4 }); // (60 + 80 + 50 + 70)/4 s
    expect(kpi("readingTimeMedianUnaidedMs").estimate).toBe(65_000); // (60 + 70)/2 s

    expect(kpi("sensitivityUnaided")).toMatchObject({ estimate: 0.5, n: 2 }); // 1 of 2 positives called
    expect(kpi("sensitivityAided")).toMatchObject({ estimate: 1, n: 2 });
    expect(kpi("sensitivityDifference").estimate).toBe(0.5);
    expect(kpi("specificityUnaided").estimate).toBe(0.5);
    expect(kpi("specificityAided").estimate).toBe(1);
    expect(kpi("secondOpinionYield")).toMatchObject({ estimate: 0.5, n: 4 }); // 2 of 4 aided reads changed
    expect(kpi("secondOpinionChangesCorrect")).toMatchObject({ estimate: 1, n: 2 }); // both changes now match the reference
    expect(kpi("discrepancyRateUnaided").estimate).toBe(0.5);
    expect(kpi("aiSensitivity").estimate).toBe(1); // 0.9 and 0.7 ≥ 0.5
    expect(kpi("aiSpecificity").estimate).toBe(0.5); // 0.2 < 0.5, 0.6 is a false positive
    expect(kpi("aiAuc").estimate).toBe(1); // every positive outscores every negative
    // AI vs aided reader: a = 2, AI-only = 1, reader-only = 0, d = 1; po = 0.75, pe = 0.75·0.5 + 0.25·0.5 = 0.5 → κ = 0.5
    expect(kpi("aiReaderKappa").estimate).toBeCloseTo(0.5, 10);
    expect(kpi("aiOpenedRate").estimate).toBe(1);
    expect(kpi("trustRatingMean").estimate).toBe(4); // (3 + 5 + 3 + 5)/4
    expect(kpi("casesPerReaderHourUnaided").estimate).toBeCloseTo(3_600_000 / 65_000, 10);
    // 8 reads in one active month × 12.75 s saved = 102 s = 0.02833 h
    expect(kpi("readerHoursSavedPerMonth").estimate).toBeCloseTo((8 * 12_750) / 3_600_000, 10);
    // Crossover cases have no single arm: outcome comparisons stay empty rather than invented.
    expect(kpi("repeatExamRateDifference")).toMatchObject({ estimate: null, status: "noTarget" });

    // Fairness cells of two cases each are suppressed.
    expect(dashboard.fairness.find((group) => group.dimension === "sex" && group.groupKey === "M")!.sensitivity).toEqual({ suppressed: true, n: 1 });
    const month = dashboard.breakdowns.find((group) => group.dimension === "month")!;
    expect(month).toMatchObject({ groupKey: "2026-03", aided: { reads: 4 }, unaided: { reads: 4 } });
    expect(dashboard.breakdowns.find((group) => group.dimension === "reader")!.label).toBe("R1");
  });

  it("compares outcomes between the arms of a randomised PoC", async () => {
    const poc = await buildPoc(database.db, { siteId, modelVersionId, readingDesign: "RANDOMISED" });
    const specs = [
      { arm: "AIDED", repeatExam: false },
      { arm: "AIDED", repeatExam: false },
      { arm: "AIDED", repeatExam: true },
      { arm: "AIDED", repeatExam: false },
      { arm: "UNAIDED", repeatExam: true },
      { arm: "UNAIDED", repeatExam: true },
      { arm: "UNAIDED", repeatExam: false },
      { arm: "UNAIDED", repeatExam: false },
    ] as const;
    for (const [index, spec] of specs.entries()) {
      const item = await addCase(poc.id, { sex: "F", truth: index % 2 === 0, probability: 0.5, repeatExam: spec.repeatExam });
      await database.db.read.create({ data: { ...completed, caseId: item.id, readerId, arm: spec.arm, activeMs: 30_000 + index * 1_000, finalCall: true } });
    }
    const dashboard = await getKpiDashboard(database.db, viewer(), poc.id);
    const kpi = (key: KpiKey) => dashboard.kpis.find((item) => item.key === key)!;
    // Repeat exams: aided 1/4 = 0.25, unaided 2/4 = 0.5 → difference −0.25
    expect(kpi("repeatExamRateAided").estimate).toBe(0.25);
    expect(kpi("repeatExamRateDifference")).toMatchObject({ estimate: -0.25, n: 8 });
    // Two-sample HL: aided 30–33 s, unaided 34–37 s → differences −7 … −1 s, median −4 s
    expect(kpi("readingTimeMedianDifferenceMs").estimate).toBe(-4_000);
  });

  it("refuses a PoC outside the viewer's sites", async () => {
    const otherSite = await buildSite(database.db);
    const poc = await buildPoc(database.db, { siteId: otherSite.id, modelVersionId });
    await expect(getKpiDashboard(database.db, viewer(), poc.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
