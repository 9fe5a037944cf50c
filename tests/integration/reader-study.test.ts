import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getKpiDashboard } from "@/lib/kpi/get-kpi-dashboard";
import { buildCase, buildModelVersion, buildPoc, buildSite, buildUser } from "./builders";
import { createTestDatabase, testTargets, type TestDatabase } from "./test-database";

// Three readers read four positive and four negative cases in both arms (fully crossed). The positives'
// calls are those of lib/stats/jackknife-figures.test.ts, whose OR quantities are derived there by hand:
// sensitivity difference 1/6, RRRC SE 1/12 on ddf 2, so the 95% CI is 1/6 ± 4.302653/12.
const positiveCalls: Record<string, { UNAIDED: number[]; AIDED: number[] }> = {
  first: { UNAIDED: [1, 1, 0, 0], AIDED: [1, 1, 1, 0] },
  second: { UNAIDED: [1, 0, 0, 0], AIDED: [1, 1, 0, 0] },
  third: { UNAIDED: [1, 1, 1, 0], AIDED: [1, 1, 0, 1] },
};

describe.each(testTargets)("reader-study (MRMC) figures on the dashboard, %s", (kind) => {
  let database: TestDatabase;
  let siteId: string;
  let modelVersionId: string;
  const readers: Record<string, string> = {};
  const viewer = () => ({ role: "EXECUTIVE" as const, siteIds: [siteId] });

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    siteId = (await buildSite(database.db)).id;
    for (const name of Object.keys(positiveCalls)) readers[name] = (await buildUser(database.db, { siteIds: [siteId] })).id;
    modelVersionId = (await buildModelVersion(database.db)).id;
  });
  afterAll(() => database.drop());

  async function seedPoc(readerNames: string[]) {
    const poc = await buildPoc(database.db, {
      siteId, modelVersionId, readingDesign: "CROSSOVER",
      kpiTargets: { create: [{ kpi: "sensitivityDifference", comparator: "gte", targetValue: -0.02, unit: "ratio", isPrimary: true }] },
    });
    for (let index = 0; index < 8; index++) {
      const truth = index < 4;
      const item = await buildCase(database.db, { pocId: poc.id, createdById: readers.first! });
      await database.db.outcome.create({ data: { caseId: item.id, referencePresent: truth, referenceSource: "PATHOLOGY", repeatExamOrdered: false, recordedById: readers.first! } });
      for (const name of readerNames) {
        for (const arm of ["UNAIDED", "AIDED"] as const) {
          const finalCall = truth ? positiveCalls[name]![arm][index] === 1 : (index + name.length) % 3 === 0;
          await database.db.read.create({
            data: { caseId: item.id, readerId: readers[name]!, arm, period: arm === "UNAIDED" ? 1 : 2, status: "COMPLETED", endedAt: new Date("2026-03-15T10:00:00Z"), finalCall, confidence: 60 + index * 5, activeMs: 40_000 + index * 1000 + (arm === "AIDED" ? -5000 : 0), totalMs: 60_000 },
          });
        }
      }
    }
    return poc;
  }

  it("uses the random-reader interval for the sensitivity difference when three readers read both arms", async () => {
    const poc = await seedPoc(["first", "second", "third"]);
    const dashboard = await getKpiDashboard(database.db, viewer(), poc.id);
    const sensitivity = dashboard.kpis.find((kpi) => kpi.key === "sensitivityDifference")!;
    expect(sensitivity).toMatchObject({ analysisUnit: "readersRandom", n: 4 });
    expect(sensitivity.estimate).toBeCloseTo(1 / 6, 10);
    expect(sensitivity.lower).toBeCloseTo(1 / 6 - 4.302653 / 12, 5);
    expect(sensitivity.upper).toBeCloseTo(1 / 6 + 4.302653 / 12, 5);
    // Half-width 0.36 is far wider than the default pre-registered precision (5 points): collecting data.
    expect(sensitivity.status).toBe("collecting");
    const figure = dashboard.readerStudy.figures.find((item) => item.figure === "sensitivity")!;
    expect(figure).toMatchObject({ status: "ok", design: "fullyCrossed", cases: 4, readerIds: ["R1", "R2", "R3"] });
    // Every endpoint is estimable here, and no reader id leaves the server.
    expect(dashboard.readerStudy.figures.map((item) => item.status)).toEqual(["ok", "ok", "ok", "ok"]);
    expect(JSON.stringify(dashboard.readerStudy)).not.toContain(readers.first!);
    const time = dashboard.kpis.find((kpi) => kpi.key === "readingTimeRelativeChange")!;
    expect(time).toMatchObject({ analysisUnit: "perRead", perReadReason: { readersInBothArms: 3, needed: 3 } });
  });

  it("labels reader-study figures per-read (readers fixed) and says why with two readers", async () => {
    const poc = await seedPoc(["first", "second"]);
    const dashboard = await getKpiDashboard(database.db, viewer(), poc.id);
    const sensitivity = dashboard.kpis.find((kpi) => kpi.key === "sensitivityDifference")!;
    expect(sensitivity).toMatchObject({ analysisUnit: "perRead", perReadReason: { readersInBothArms: 2, needed: 3 } });
    expect(sensitivity.method).toBe("Newcombe hybrid score");
    expect(dashboard.readerStudy.figures[0]).toMatchObject({ status: "notEstimable", reason: "tooFewReaders", readersInBothArms: 2, needed: 3 });
  });
});
