import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { importOutcomes, recordOutcome } from "@/lib/outcomes/record-outcomes";
import { abandonRead, completeRead, listWorklist, recordFirstCall, startRead } from "@/lib/reading/manage-reads";
import type { Actor as Reader } from "@/lib/auth/site-scope";
import { buildCase, buildPoc, buildSite, buildUser } from "./builders";
import { createTestDatabase, testTargets, type TestDatabase } from "./test-database";

describe.each(testTargets)("reading and outcomes on %s", (kind) => {
  let database: TestDatabase;
  let siteId: string;
  let reader: Reader;
  let outsider: Reader;
  beforeAll(async () => {
    database = await createTestDatabase(kind);
    siteId = (await buildSite(database.db)).id;
    const user = await buildUser(database.db, { siteIds: [siteId] });
    reader = { id: user.id, role: user.role, siteIds: [siteId] };
    const other = await buildUser(database.db, { siteIds: [(await buildSite(database.db)).id] });
    outsider = { id: other.id, role: other.role, siteIds: [] };
  });
  afterAll(() => database.drop());

  const read = (overrides: Partial<Parameters<typeof completeRead>[2]> & { readId: string }) =>
    ({ finalCall: true, confidence: 80, changedAfterAi: null, usefulness: null, aiOpened: false, totalMs: 1000, activeMs: 900, ...overrides });

  it("assigns each case once per reader with the seeded arm, and times reads on the server's clock", async () => {
    const poc = await buildPoc(database.db, { siteId, aidedShare: 1 });
    const item = await buildCase(database.db, { pocId: poc.id, createdById: reader.id });
    const first = await listWorklist(database.db, reader);
    const again = await listWorklist(database.db, reader);
    expect(again.map((r) => r.id)).toEqual(first.map((r) => r.id));
    const assigned = first.find((r) => r.caseId === item.id)!;
    expect(assigned).toMatchObject({ arm: "AIDED", available: true });

    const openedAt = new Date();
    await startRead(database.db, reader, { readId: assigned.id }, openedAt);
    await expect(completeRead(database.db, reader, read({ readId: assigned.id, totalMs: 60_000 }), new Date(openedAt.getTime() + 10_000))).rejects.toEqual(new AppError("READ_TIMING_IMPLAUSIBLE"));
    await completeRead(database.db, reader, read({ readId: assigned.id, totalMs: 9_000, activeMs: 8_000, changedAfterAi: true, usefulness: 4, aiOpened: true }), new Date(openedAt.getTime() + 10_000));
    const stored = await database.db.read.findUniqueOrThrow({ where: { id: assigned.id } });
    expect(stored).toMatchObject({ status: "COMPLETED", totalMs: 9_000, activeMs: 8_000, changedAfterAi: true, usefulness: 4 });
    await expect(completeRead(database.db, reader, read({ readId: assigned.id }))).rejects.toEqual(new AppError("READ_ALREADY_CLOSED"));
    const views = await database.db.auditEvent.findMany({ where: { action: "case.view", entityId: item.id } });
    expect(views).toHaveLength(1);
  });

  it("derives the change of mind in second-reader mode and requires the first call", async () => {
    const poc = await buildPoc(database.db, { siteId, aidedShare: 1, aiMode: "SECOND_READER" });
    const item = await buildCase(database.db, { pocId: poc.id, createdById: reader.id });
    const assigned = (await listWorklist(database.db, reader)).find((r) => r.caseId === item.id)!;
    await startRead(database.db, reader, { readId: assigned.id });
    await expect(completeRead(database.db, reader, read({ readId: assigned.id, totalMs: 0, activeMs: 0 }))).rejects.toEqual(new AppError("READ_FIRST_CALL_REQUIRED"));
    await recordFirstCall(database.db, reader, { readId: assigned.id, firstCall: false });
    await recordFirstCall(database.db, reader, { readId: assigned.id, firstCall: true });
    await completeRead(database.db, reader, read({ readId: assigned.id, finalCall: true, changedAfterAi: false, totalMs: 0, activeMs: 0 }));
    expect(await database.db.read.findUniqueOrThrow({ where: { id: assigned.id } })).toMatchObject({ firstCall: false, finalCall: true, changedAfterAi: true, aiOpened: true });
  });

  it("schedules the crossover's second period in the other arm after the washout", async () => {
    const poc = await buildPoc(database.db, { siteId, readingDesign: "CROSSOVER", washoutDays: 14 });
    const item = await buildCase(database.db, { pocId: poc.id, createdById: reader.id });
    const first = (await listWorklist(database.db, reader)).find((r) => r.caseId === item.id)!;
    const now = new Date();
    await startRead(database.db, reader, { readId: first.id }, now);
    await completeRead(database.db, reader, read({ readId: first.id, totalMs: 0, activeMs: 0 }), now);
    const second = (await listWorklist(database.db, reader)).find((r) => r.caseId === item.id)!;
    expect(second).toMatchObject({ period: 2, available: false });
    expect(second.arm).not.toBe(first.arm);
    expect(second.availableFrom.getTime() - now.getTime()).toBe(14 * 86_400_000);
    await expect(startRead(database.db, reader, { readId: second.id })).rejects.toMatchObject({ code: "READ_IN_WASHOUT" });
  });

  it("keeps no timing for an abandoned read, and refuses other sites' reads and stopped PoCs", async () => {
    const poc = await buildPoc(database.db, { siteId });
    const item = await buildCase(database.db, { pocId: poc.id, createdById: reader.id });
    const assigned = (await listWorklist(database.db, reader)).find((r) => r.caseId === item.id)!;
    await expect(startRead(database.db, outsider, { readId: assigned.id })).rejects.toEqual(new AppError("NOT_FOUND"));
    await startRead(database.db, reader, { readId: assigned.id });
    await abandonRead(database.db, reader, { readId: assigned.id });
    expect(await database.db.read.findUniqueOrThrow({ where: { id: assigned.id } })).toMatchObject({ status: "ABANDONED", startedAt: null, totalMs: null });

    const stopped = await buildPoc(database.db, { siteId, status: "EVALUATING" });
    const stoppedCase = await buildCase(database.db, { pocId: stopped.id, createdById: reader.id });
    expect((await listWorklist(database.db, reader)).some((r) => r.caseId === stoppedCase.id)).toBe(false);
    expect(await database.db.read.count({ where: { caseId: stoppedCase.id } })).toBe(0);
  });

  it("records outcomes and imports a CSV all or nothing", async () => {
    const poc = await buildPoc(database.db, { siteId });
    const [a, b] = [await buildCase(database.db, { pocId: poc.id, createdById: reader.id }), await buildCase(database.db, { pocId: poc.id, createdById: reader.id })];
    await recordOutcome(database.db, reader, { caseId: a.id, referencePresent: true, referenceSource: "PATHOLOGY", repeatExamOrdered: false, repeatExamAvoidable: null, timeToTreatmentHours: 5, readmitted30d: false, complication: null, patientSatisfaction: 5 });
    await expect(recordOutcome(database.db, outsider, { caseId: a.id, referencePresent: true, referenceSource: "PATHOLOGY", repeatExamOrdered: false, repeatExamAvoidable: null, timeToTreatmentHours: null, readmitted30d: null, complication: null, patientSatisfaction: null })).rejects.toEqual(new AppError("NOT_FOUND"));

    const header = "caseCode,referencePresent,referenceSource,repeatExamOrdered";
    const bad = await importOutcomes(database.db, reader, poc.id, `${header}\n${a.code},no,OTHER,yes\nC-NOPE,yes,OTHER,no\n`);
    expect(bad).toEqual({ ok: false, errors: [{ row: 3, column: "caseCode", code: "unknown_case" }] });
    expect(await database.db.outcome.findUniqueOrThrow({ where: { caseId: a.id } })).toMatchObject({ referencePresent: true });

    const good = await importOutcomes(database.db, reader, poc.id, `${header}\n${a.code},no,OTHER,yes\n${b.code},yes,EXPERT_PANEL,no\n`);
    expect(good).toEqual({ ok: true, imported: 2 });
    expect(await database.db.outcome.findUniqueOrThrow({ where: { caseId: a.id } })).toMatchObject({ referencePresent: false, repeatExamOrdered: true });
    expect(await database.db.auditEvent.count({ where: { action: "outcome.import" } })).toBe(2);
  });
});
