import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { csvCell, parseCsv } from "@/lib/csv/csv";
import { aggregatesFromReanalysis, mrmcReadsFromReanalysis } from "@/lib/kpi/aggregates-from-reanalysis";
import { applyReaderStudy } from "@/lib/kpi/apply-reader-study";
import { computeKpis } from "@/lib/kpi/compute-kpis";
import { exportReanalysis } from "@/lib/kpi/export-reanalysis";
import { getKpiDashboard } from "@/lib/kpi/get-kpi-dashboard";
import { reanalysisColumns, type ReanalysisRow } from "@/lib/kpi/reanalysis-dictionary";
import { toImrmc, toRjafrocCsv } from "@/lib/kpi/reanalysis-formats";
import { seededRandom } from "@/lib/kpi/seeded-random";
import { analyseReaderStudy } from "@/lib/stats/analyse-reader-study";
import { buildCase, buildModelVersion, buildPoc, buildSite, buildUser } from "./builders";
import { createTestDatabase, testTargets, type TestDatabase } from "./test-database";

const targets = [
  { kpi: "readingTimeRelativeChange", comparator: "lte", targetValue: -0.2, unit: "ratio", isPrimary: true },
  { kpi: "sensitivityDifference", comparator: "gte", targetValue: -0.02, unit: "ratio" },
  { kpi: "repeatExamRateDifference", comparator: "lte", targetValue: 0, unit: "ratio" },
];

describe.each(testTargets)("reanalysis export on %s", (kind) => {
  let database: TestDatabase;
  let siteId: string;
  let modelVersionId: string;
  const readerIds: string[] = [];

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    siteId = (await buildSite(database.db)).id;
    for (let index = 0; index < 4; index++) readerIds.push((await buildUser(database.db, { siteIds: [siteId] })).id);
    modelVersionId = (await buildModelVersion(database.db)).id;
  });
  afterAll(() => database.drop());

  /** Randomised per case (reads of a case share an arm, so outcomes have an arm), four readers, 60 cases; one case crossover. */
  async function seedPoc() {
    const random = seededRandom(12);
    const poc = await buildPoc(database.db, { siteId, modelVersionId, kpiTargets: { create: targets } });
    for (let index = 0; index < 60; index++) {
      const truth = random() < 0.4;
      const item = await buildCase(database.db, { pocId: poc.id, createdById: readerIds[0]!, sex: index % 2 ? "F" : "M" });
      await database.db.inference.create({ data: { caseId: item.id, modelVersionId, status: "SUCCEEDED", probability: Math.round((truth ? 0.35 + 0.6 * random() : 0.05 + 0.6 * random()) * 1000) / 1000 } });
      if (index % 10 !== 9) {
        const repeat = random() < 0.2;
        await database.db.outcome.create({
          data: { caseId: item.id, referencePresent: truth, referenceSource: "PATHOLOGY", repeatExamOrdered: repeat, repeatExamAvoidable: repeat ? random() < 0.5 : null, readmitted30d: random() < 0.1, timeToTreatmentHours: truth ? 10 + 40 * random() : null, patientSatisfaction: 1 + Math.floor(5 * random()), recordedById: readerIds[0]! },
        });
      }
      const caseArm = index % 2 === 0 ? "AIDED" : "UNAIDED";
      for (const [readerIndex, readerId] of readerIds.entries()) {
        if ((index + readerIndex) % 4 === 3) continue; // three of four readers read each case
        const arms = index === 0 ? (["UNAIDED", "AIDED"] as const) : ([caseArm] as const);
        for (const [period, arm] of arms.entries()) {
          const finalCall = random() < (truth ? (arm === "AIDED" ? 0.85 : 0.75) : 0.15);
          await database.db.read.create({
            data: {
              caseId: item.id, readerId, arm, period: period + 1, status: "COMPLETED", endedAt: new Date(Date.UTC(2026, index % 3, 10)), finalCall,
              confidence: index % 7 === 0 ? null : 50 + Math.floor(50 * random()), activeMs: Math.round(Math.exp(Math.log(arm === "AIDED" ? 50_000 : 62_000) + 0.3 * (random() - 0.5))), totalMs: 90_000,
              ...(arm === "AIDED" ? { aiOpened: random() < 0.9, changedAfterAi: random() < 0.1, usefulness: 1 + Math.floor(5 * random()) } : { aiOpened: false }),
            },
          });
        }
      }
    }
    return poc;
  }

  it("recomputes every dashboard KPI from the CSV alone", async () => {
    const poc = await seedPoc();
    const dashboard = await getKpiDashboard(database.db, { role: "EXECUTIVE", siteIds: [siteId] }, poc.id);
    const exported: ReanalysisRow[] = [];
    for await (const batch of exportReanalysis(database.db, poc.id, 37)) exported.push(...batch);
    // Through CSV text and back: nothing but the file.
    const header = reanalysisColumns.map((column) => column.name);
    const text = [header, ...exported.map((row) => header.map((name) => row[name as keyof ReanalysisRow]))].map((cells) => cells.map(csvCell).join(",")).join("\r\n");
    const [names, ...lines] = parseCsv(text);
    const rows = lines.map((cells) => Object.fromEntries(names!.map((name, index) => [name, cells[index] === "" ? null : cells[index]!])) as ReanalysisRow);
    expect(rows).toHaveLength(dashboard.totalReads);

    const study = analyseReaderStudy(mrmcReadsFromReanalysis(rows));
    const recomputed = applyReaderStudy(computeKpis(aggregatesFromReanalysis(rows), dashboard.poc.kpiTargets), study);
    for (const kpi of dashboard.kpis) {
      const again = recomputed.find((item) => item.key === kpi.key)!;
      const same = (left: number | null, right: number | null) => (left === null ? expect(right, kpi.key).toBeNull() : expect(right, kpi.key).toBeCloseTo(left, 9));
      same(kpi.estimate, again.estimate);
      same(kpi.lower, again.lower);
      same(kpi.upper, again.upper);
      expect({ key: kpi.key, n: again.n, status: again.status, additionalN: again.additionalN, estimable: again.estimable }).toEqual({ key: kpi.key, n: kpi.n, status: kpi.status, additionalN: kpi.additionalN, estimable: kpi.estimable });
    }
    // The multi-reader figures, too (reader codes are the dashboard's).
    expect(study.figures.map((figure) => (figure.status === "ok" ? figure.analysis.rrrc : figure.status))).toEqual(dashboard.readerStudy.figures.map((figure) => (figure.status === "ok" ? figure.analysis.rrrc : figure.status)));
    expect(exported.filter((row) => row.confidence === null).every((row) => row.scorePresent === null)).toBe(true);
    expect(exported.find((row) => row.sequence === "UA")).toBeDefined();
  });

  it("writes iMRMC and RJafroc input files with integer case ids and one truth row per case", async () => {
    const poc = await seedPoc();
    const exported: ReanalysisRow[] = [];
    for await (const batch of exportReanalysis(database.db, poc.id)) exported.push(...batch);
    const imrmc = toImrmc(exported, "test").split("\r\n");
    const begin = imrmc.indexOf("BEGIN DATA:");
    const data = imrmc.slice(begin + 1).filter(Boolean).map((line) => line.split(","));
    const truthRows = data.filter((fields) => fields[0] === "-1");
    expect(new Set(truthRows.map((fields) => fields[1])).size).toBe(truthRows.length);
    expect(imrmc).toContain(`N0: ${truthRows.filter((fields) => fields[3] === "0").length}`);
    expect(data.every((fields) => fields.length === 4 && Number.isInteger(Number(fields[1])))).toBe(true);
    const rjafroc = parseCsv(toRjafrocCsv(exported));
    expect(rjafroc[0]).toEqual(["ReaderID", "ModalityID", "CaseID", "Truth", "Rating"]);
    expect(rjafroc.slice(1).every((fields) => ["0", "1"].includes(fields[3]!) && fields[4] !== "")).toBe(true);
  });
});
