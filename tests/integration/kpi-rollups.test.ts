import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getKpiDashboard } from "@/lib/kpi/get-kpi-dashboard";
import { kpiRollupVersion } from "@/lib/kpi/kpi-rollups";
import { findKpiRollupDrift } from "@/lib/kpi/verify-kpi-rollups";
import { importOutcomes, recordOutcome } from "@/lib/outcomes/record-outcomes";
import { completeRead, listWorklist, startRead } from "@/lib/reading/manage-reads";
import type { Actor as Reader } from "@/lib/auth/site-scope";
import { expectRollupsToMatchRebuild } from "./kpi-rollup-check";
import { buildCase, buildModelVersion, buildPoc, buildSite, buildUser } from "./builders";
import { createTestDatabase, testTargets, type TestDatabase } from "./test-database";

describe.each(testTargets)("KPI roll-ups on %s", (kind) => {
  let database: TestDatabase;
  let siteId: string;
  let reader: Reader;
  let secondReader: Reader;
  let modelVersionId: string;
  const outcome = (caseId: string, referencePresent: boolean) => ({
    caseId, referencePresent, referenceSource: "PATHOLOGY" as const, repeatExamOrdered: !referencePresent, repeatExamAvoidable: referencePresent ? null : true,
    timeToTreatmentHours: referencePresent ? 30.7 : null, readmitted30d: false, complication: null, patientSatisfaction: 4,
  });

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    siteId = (await buildSite(database.db)).id;
    const readers = await Promise.all([0, 1].map(() => buildUser(database.db, { siteIds: [siteId] })));
    [reader, secondReader] = readers.map((user) => ({ id: user.id, role: user.role, siteIds: [siteId] }));
    modelVersionId = (await buildModelVersion(database.db)).id;
  });
  afterAll(() => database.drop());

  async function completeAll(who: Reader, activeMs: number, now = new Date()) {
    const reads = (await listWorklist(database.db, who, now)).filter((read) => read.available);
    // Concurrently, as several clinicians would: the PoC lock serialises the roll-up updates.
    await Promise.all(reads.map(async (read, index) => {
      await startRead(database.db, who, { readId: read.id }, now);
      await completeRead(database.db, who, {
        readId: read.id, finalCall: index % 2 === 0, confidence: 70, totalMs: activeMs + index, activeMs: activeMs + index,
        changedAfterAi: read.arm === "AIDED" ? index % 3 === 0 : null, usefulness: read.arm === "AIDED" ? 4 : null, aiOpened: read.arm === "AIDED",
      }, new Date(now.getTime() + activeMs + 1_000));
    }));
    return reads.length;
  }

  it("follows reads, outcomes and their corrections exactly as a rebuild would", async () => {
    const poc = await buildPoc(database.db, { siteId, modelVersionId, readingDesign: "RANDOMISED", aidedShare: 0.5 });
    const cases: Awaited<ReturnType<typeof buildCase>>[] = [];
    for (const [index, sex] of ["F", "M", "F", "M", "F", null].entries()) {
      const item = await buildCase(database.db, { pocId: poc.id, createdById: reader.id, sex, ageBand: index < 3 ? "40-59" : "60-79", scannerVendor: "Vendor A" });
      await database.db.inference.create({ data: { caseId: item.id, modelVersionId, status: "SUCCEEDED", probability: 0.2 + index * 0.12 } });
      cases.push(item);
    }
    // Two scores stamped at the same instant: exactly one counts (the later id), not both.
    const tied = new Date("2026-05-01T00:00:00Z");
    await database.db.inference.createMany({ data: [0.1, 0.9].map((probability, index) => ({ id: `tie-${poc.id}-${index}`, caseId: cases[5]!.id, modelVersionId, status: "SUCCEEDED" as const, probability, createdAt: tied })) });
    const viewer = { role: "EXECUTIVE" as const, siteIds: [siteId] };
    expect((await getKpiDashboard(database.db, viewer, poc.id)).totalReads).toBe(0);
    expect(await database.db.kpiRollupState.findUnique({ where: { pocId: poc.id } })).toMatchObject({ version: kpiRollupVersion });

    expect(await completeAll(reader, 40_000)).toBe(6);
    expect((await getKpiDashboard(database.db, viewer, poc.id)).totalReads).toBe(6);
    await expectRollupsToMatchRebuild(database.db, poc.id);

    await recordOutcome(database.db, reader, outcome(cases[0]!.id, true));
    await recordOutcome(database.db, reader, outcome(cases[1]!.id, false));
    await completeAll(secondReader, 55_000);
    // A corrected reference standard moves every read of the case to the other cell.
    await recordOutcome(database.db, reader, outcome(cases[0]!.id, false));
    const header = "caseCode,referencePresent,referenceSource,repeatExamOrdered,timeToTreatmentHours";
    const imported = await importOutcomes(database.db, reader, poc.id, `${header}\n${cases.slice(2).map((item, index) => `${item.code},${index % 2 ? "yes" : "no"},OTHER,no,${index ? 12.5 : ""}`).join("\n")}\n`);
    expect(imported).toEqual({ ok: true, imported: 4 });

    const dashboard = await getKpiDashboard(database.db, viewer, poc.id);
    expect(dashboard.totalReads).toBe(12);
    const aiScored = dashboard.kpis.find((kpi) => kpi.key === "aiSensitivity")!;
    const aiSpecificity = dashboard.kpis.find((kpi) => kpi.key === "aiSpecificity")!;
    expect(aiScored.n + aiSpecificity.n).toBe(6); // six cases with a reference standard, one score each
    expect(await expectRollupsToMatchRebuild(database.db, poc.id)).toBeGreaterThan(10);
  });

  it("pairs crossover reads of the same reader and case", async () => {
    const poc = await buildPoc(database.db, { siteId, modelVersionId, readingDesign: "CROSSOVER", washoutDays: 0 });
    for (let index = 0; index < 3; index++) await buildCase(database.db, { pocId: poc.id, createdById: reader.id });
    await getKpiDashboard(database.db, { role: "ADMIN", siteIds: [] }, poc.id);
    await completeAll(reader, 60_000);
    await completeAll(reader, 45_000, new Date(Date.now() + 120_000)); // period 2, in the other arm
    const paired = await database.db.kpiTimeBin.aggregate({ where: { pocId: poc.id, series: "PAIRED", scale: "ms" }, _sum: { count: true } });
    expect(paired._sum.count).toBe(3);
    await expectRollupsToMatchRebuild(database.db, poc.id);
  });

  it("rebuilds a PoC whose roll-ups come from an older definition", async () => {
    const poc = await buildPoc(database.db, { siteId, modelVersionId, aidedShare: 1 });
    await buildCase(database.db, { pocId: poc.id, createdById: reader.id });
    await getKpiDashboard(database.db, { role: "ADMIN", siteIds: [] }, poc.id);
    await completeAll(reader, 30_000);
    await database.db.kpiReadCell.updateMany({ where: { pocId: poc.id }, data: { reads: 99 } });
    expect((await findKpiRollupDrift(database.db, poc.id)).drifted).toHaveLength(2); // the altered row, and the rebuilt one
    expect(await database.db.kpiReadCell.findFirst({ where: { pocId: poc.id } })).toMatchObject({ reads: 99 }); // the check changed nothing
    await database.db.kpiRollupState.update({ where: { pocId: poc.id }, data: { version: kpiRollupVersion - 1 } });
    expect((await getKpiDashboard(database.db, { role: "ADMIN", siteIds: [] }, poc.id)).totalReads).toBe(1);
  });
});
