import "server-only";
import { actorFields, recordAuditEvent } from "@/lib/audit/record-audit-event";
import { pocScope, type Actor as Clinician, type SiteReach } from "@/lib/auth/site-scope";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { JobQueue } from "@/lib/jobs/job-queue";
import { assertPocAcceptsCases } from "@/lib/pocs/assert-poc-accepts-cases";
import { sealIntegrationSecret, sealPurposes } from "./integration-keys";
import type { ImportStudiesInput } from "./schema";
import { studyImportKey } from "./study-import-key";

/**
 * Turns the studies a clinician picked into one import job: a row per study (keyed by the study's
 * HMAC, with the UID sealed until the case exists), one audit event, and one queued job per study.
 */
export async function startPacsImport(db: Db, queue: JobQueue, clinician: Clinician, input: ImportStudiesInput): Promise<{ jobId: string; studies: number }> {
  const poc = await db.poc.findFirst({ where: { id: input.pocId, ...pocScope(clinician) } });
  if (!poc) throw new AppError("NOT_FOUND");
  assertPocAcceptsCases(poc);
  const uids = [...new Set(input.studyInstanceUids)];
  const job = await db.$transaction(async (tx) => {
    const created = await tx.importJob.create({
      data: {
        pocId: poc.id,
        source: "PULL",
        createdById: clinician.id,
        confirmBurnedIn: input.confirmBurnedIn,
        studies: { create: uids.map((uid) => ({ pocId: poc.id, studyKey: studyImportKey(poc.deidSecret, uid), sealedStudyUid: sealIntegrationSecret(uid, sealPurposes.pendingStudyUid) })) },
      },
      include: { studies: { select: { id: true } } },
    });
    await recordAuditEvent(tx, { ...actorFields(clinician), action: "pacs.import_start", entityType: "ImportJob", entityId: created.id, details: { pocId: poc.id, studies: uids.length, confirmBurnedIn: input.confirmBurnedIn } });
    return created;
  });
  for (const study of job.studies) await queue.send("import-study", { id: study.id });
  return { jobId: job.id, studies: job.studies.length };
}

/** A failed study goes back on the queue (its UID is still sealed on the row, or its case exists). */
export async function retryImportStudy(db: Db, queue: JobQueue, clinician: Clinician, importStudyId: string): Promise<void> {
  const study = await db.importStudy.findFirst({ where: { id: importStudyId, job: { poc: pocScope(clinician) } } });
  if (!study) throw new AppError("NOT_FOUND");
  if (study.status !== "FAILED") throw new AppError("CONFLICT");
  await db.$transaction(async (tx) => {
    await tx.importStudy.update({ where: { id: study.id }, data: { status: "QUEUED", attempts: 0 } });
    await recordAuditEvent(tx, { ...actorFields(clinician), action: "pacs.import_retry", entityType: "ImportStudy", entityId: study.id, details: { pocId: study.pocId, previousReason: study.errorCode } });
  });
  await queue.send(study.caseId ? "infer-imported-case" : "import-study", { id: study.id });
}

/** The PoC's recent import jobs with each study's progress (no identifiers: rows hold keys and codes). */
export async function listImportJobs(db: Db, clinician: Clinician, pocId: string) {
  const poc = await db.poc.findFirst({ where: { id: pocId, ...pocScope(clinician) }, select: { id: true } });
  if (!poc) throw new AppError("NOT_FOUND");
  const jobs = await db.importJob.findMany({
    where: { pocId },
    orderBy: { createdAt: "desc" },
    take: 20,
    include: { studies: { orderBy: { createdAt: "asc" }, select: { id: true, status: true, errorCode: true, errorParams: true, attempts: true, caseId: true, labSummary: true, updatedAt: true } } },
  });
  const caseIds = jobs.flatMap((job) => job.studies.map((study) => study.caseId)).filter((id): id is string => Boolean(id));
  const codes = new Map((await db.case.findMany({ where: { id: { in: caseIds } }, select: { id: true, code: true } })).map((item) => [item.id, item.code]));
  return jobs.map((job) => ({
    id: job.id,
    source: job.source,
    createdAt: job.createdAt.toISOString(),
    studies: job.studies.map((study, index) => ({ ...study, number: index + 1, caseCode: study.caseId ? (codes.get(study.caseId) ?? null) : null, updatedAt: study.updatedAt.toISOString() })),
  }));
}

/** The running PoCs of the clinician's sites: the only ones that accept imported cases. */
export async function listImportablePocs(db: Db, clinician: SiteReach) {
  return db.poc.findMany({ where: { ...pocScope(clinician), status: "RUNNING" }, select: { id: true, title: true }, orderBy: { createdAt: "desc" } });
}
