import "server-only";
import { actorFields, recordAuditEvent } from "@/lib/audit/record-audit-event";
import { caseScope, pocScope, type Actor } from "@/lib/auth/site-scope";
import type { Db, Tx } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import { AppError } from "@/lib/errors";
import { updateCaseKpis } from "@/lib/kpi/kpi-rollups";
import { crossoverArms, randomisedArm } from "@/lib/reading/assign-arm";
import type { AbandonReadInput, CompleteReadInput, RecordFirstCallInput, StartReadInput } from "@/lib/reading/schema";

// Server-side bound on a client-reported duration: the time since the read was (re)started, plus
// slack for the request itself.
const clockSlackMs = 5_000;

/**
 * Gives the reader a read for every case of their sites' running PoCs that they have none for yet.
 * The arm comes from the PoC's recorded seed; crossover designs assign period 1 here and period 2
 * after the washout, when period 1 is completed.
 */
async function ensureReadAssignments(db: Db, reader: Actor, now = new Date()): Promise<number> {
  const cases = await db.case.findMany({
    where: { poc: { status: "RUNNING", ...pocScope(reader) }, reads: { none: { readerId: reader.id } } },
    select: { id: true, poc: { select: { randomSeed: true, aidedShare: true, readingDesign: true } } },
  });
  if (cases.length === 0) return 0;
  const data: Prisma.ReadCreateManyInput[] = cases.map((item) => ({
    caseId: item.id,
    readerId: reader.id,
    period: 1,
    assignedAt: now,
    availableFrom: now,
    arm: item.poc.readingDesign === "CROSSOVER" ? crossoverArms(item.poc.randomSeed, item.id, reader.id)[0] : randomisedArm(item.poc.randomSeed, item.id, reader.id, item.poc.aidedShare),
  }));
  const created = await db.read.createMany({ data, skipDuplicates: true });
  return created.count;
}

export async function listWorklist(db: Db, reader: Actor, now = new Date()) {
  await ensureReadAssignments(db, reader, now);
  return db.read.findMany({
    where: { readerId: reader.id, status: "ASSIGNED", case: { poc: { status: "RUNNING", ...pocScope(reader) } } },
    orderBy: [{ availableFrom: "asc" }, { assignedAt: "asc" }],
    include: { case: { select: { code: true, modality: true, poc: { select: { title: true, aiMode: true } } } } },
  }).then((reads) => reads.map((read) => ({ ...read, available: read.availableFrom <= now })));
}

async function ownAssignedRead(db: Db | Tx, reader: Actor, readId: string) {
  const read = await db.read.findFirst({
    where: { id: readId, readerId: reader.id, case: caseScope(reader) },
    include: { case: { include: { poc: true } } },
  });
  if (!read) throw new AppError("NOT_FOUND");
  if (read.status !== "ASSIGNED") throw new AppError("READ_ALREADY_CLOSED");
  if (read.case.poc.status !== "RUNNING") throw new AppError("POC_NOT_RUNNING");
  return read;
}

/** Opening a read (re)starts its clock on the server; the case view is audited. */
export async function startRead(db: Db, reader: Actor, input: StartReadInput, now = new Date()) {
  return db.$transaction(async (tx) => {
    const read = await ownAssignedRead(tx, reader, input.readId);
    if (read.availableFrom > now) throw new AppError("READ_IN_WASHOUT", { date: read.availableFrom.toISOString().slice(0, 10) });
    await tx.read.update({ where: { id: read.id }, data: { startedAt: now } });
    await recordAuditEvent(tx, { ...actorFields(reader), action: "case.view", entityType: "Case", entityId: read.caseId, details: { readId: read.id, arm: read.arm } });
    return read;
  });
}

export async function completeRead(db: Db, reader: Actor, input: CompleteReadInput, now = new Date()) {
  return db.$transaction(async (tx) => {
    const read = await ownAssignedRead(tx, reader, input.readId);
    if (!read.startedAt) throw new AppError("READ_NOT_STARTED");
    if (input.totalMs > now.getTime() - read.startedAt.getTime() + clockSlackMs) throw new AppError("READ_TIMING_IMPLAUSIBLE");
    const aided = read.arm === "AIDED";
    const secondReader = aided && read.case.poc.aiMode === "SECOND_READER";
    // The first call counts only as recorded on the server before the AI output was revealed.
    if (secondReader && read.firstCall === null) throw new AppError("READ_FIRST_CALL_REQUIRED");
    await updateCaseKpis(tx, { pocId: read.case.pocId, caseIds: [read.caseId] }, () => tx.read.update({
      where: { id: read.id },
      data: {
        status: "COMPLETED",
        endedAt: now,
        totalMs: input.totalMs,
        activeMs: input.activeMs,
        finalCall: input.finalCall,
        confidence: input.confidence,
        changedAfterAi: !aided ? null : secondReader ? read.firstCall !== input.finalCall : input.changedAfterAi,
        usefulness: aided ? input.usefulness : null,
        aiOpened: aided ? input.aiOpened || secondReader : false,
      },
    }));
    if (read.case.poc.readingDesign === "CROSSOVER" && read.period === 1) {
      const [, secondArm] = crossoverArms(read.case.poc.randomSeed, read.caseId, reader.id);
      await tx.read.create({
        data: { caseId: read.caseId, readerId: reader.id, arm: secondArm, period: 2, availableFrom: new Date(now.getTime() + read.case.poc.washoutDays * 86_400_000) },
      });
    }
    await recordAuditEvent(tx, { ...actorFields(reader), action: "read.complete", entityType: "Read", entityId: read.id, details: { caseId: read.caseId, arm: read.arm, period: read.period } });
    return { readId: read.id };
  });
}

/**
 * Second-reader mode: stores the reader's own call, then releases the AI output. The call cannot be
 * changed afterwards, so second-opinion yield is measured against what the reader decided alone.
 */
export async function recordFirstCall(db: Db, reader: Actor, input: RecordFirstCallInput) {
  return db.$transaction(async (tx) => {
    const read = await ownAssignedRead(tx, reader, input.readId);
    if (read.arm !== "AIDED" || read.case.poc.aiMode !== "SECOND_READER") throw new AppError("FORBIDDEN");
    if (read.firstCall !== null) return { readId: read.id, caseId: read.caseId };
    await tx.read.update({ where: { id: read.id }, data: { firstCall: input.firstCall, aiOpened: true } });
    await recordAuditEvent(tx, { ...actorFields(reader), action: "read.first_call", entityType: "Read", entityId: read.id, details: { caseId: read.caseId } });
    return { readId: read.id, caseId: read.caseId };
  });
}

/** An abandoned read keeps no timing; it leaves the worklist. */
export async function abandonRead(db: Db, reader: Actor, input: AbandonReadInput) {
  return db.$transaction(async (tx) => {
    const read = await ownAssignedRead(tx, reader, input.readId);
    await tx.read.update({ where: { id: read.id }, data: { status: "ABANDONED", startedAt: null, totalMs: null, activeMs: null } });
    await recordAuditEvent(tx, { ...actorFields(reader), action: "read.abandon", entityType: "Read", entityId: read.id, details: { caseId: read.caseId } });
    return { readId: read.id };
  });
}
