import "server-only";
import type { Db } from "@/lib/db/client";
import { Prisma } from "@/lib/db/generated/client";
import type { ImportStudyStatus } from "@/lib/db/generated/enums";
import { runCaseInference } from "@/lib/cases/run-case-inference";
import { retryPolicy, type JobQueue } from "@/lib/jobs/job-queue";
import { retrieveStudy } from "@/lib/pacs/dicomweb-client";
import { describeImportError, ImportFailure } from "./import-reasons";
import { importStudyInstances } from "./import-study-instances";
import { openIntegrationSecret, sealPurposes } from "./integration-keys";
import { linkCaseToStudy } from "./results-to-pacs";
import { loadSiteConnections } from "./site-integration";

// The import job's handlers. Each is safe to run again after a crash or kill -9: the case is keyed
// by the study, inference skips a case already explained, and a row that is done stays done.

const finished: ImportStudyStatus[] = ["DONE", "FAILED"];

async function setStatus(db: Db, id: string, status: ImportStudyStatus, extra: Prisma.ImportStudyUpdateInput = {}) {
  await db.importStudy.update({ where: { id }, data: { status, ...extra } });
}

/** Records a failure: transient ones go back to QUEUED and rethrow (the queue retries with back-off) until attempts run out. */
async function recordFailure(db: Db, id: string, attempts: number, error: unknown): Promise<void> {
  const { reason, params, transient } = describeImportError(error);
  if (reason === "INTERNAL") console.error(`[import] study ${id} failed: ${error instanceof Error ? error.name : typeof error}`);
  const retryable = transient && attempts <= retryPolicy.retryLimit;
  await setStatus(db, id, retryable ? "QUEUED" : "FAILED", { errorCode: reason, errorParams: (params ?? Prisma.DbNull) as Prisma.InputJsonValue });
  if (retryable) throw error;
}

/** Retrieve (WADO-RS), de-identify, build the case with the EHR's labs; then queue inference. */
export async function runImportStudy(db: Db, queue: JobQueue, importStudyId: string): Promise<void> {
  const row = await db.importStudy.findUnique({ where: { id: importStudyId }, include: { job: { include: { poc: { include: { modelVersion: true } } } } } });
  if (!row || finished.includes(row.status)) return;
  if (row.caseId) {
    await queue.send("infer-imported-case", { id: row.id });
    return;
  }
  const attempts = row.attempts + 1;
  await setStatus(db, row.id, "RETRIEVING", { attempts, errorCode: null, errorParams: Prisma.DbNull });
  try {
    // A pushed study has no UID to retrieve again: cut off mid-request, the router must send it again.
    if (!row.sealedStudyUid || !row.job.createdById) throw new ImportFailure(row.job.source === "PUSH" ? "WORKER_INTERRUPTED" : "INVALID_INPUT");
    const creator = await db.user.findUnique({ where: { id: row.job.createdById }, include: { sites: true } });
    if (!creator || creator.disabled) throw new ImportFailure("FORBIDDEN");
    const connections = await loadSiteConnections(db, row.job.poc.siteId);
    if (!connections.pacs) throw new ImportFailure("PACS_NOT_CONFIGURED");
    const studyInstanceUid = openIntegrationSecret(row.sealedStudyUid, sealPurposes.pendingStudyUid);
    const instances = await retrieveStudy(connections.pacs, studyInstanceUid);
    const clinician = { id: creator.id, role: creator.role, siteIds: creator.sites.map((site) => site.siteId) };
    const imported = await importStudyInstances(db, {
      poc: row.job.poc,
      clinician,
      studyKey: row.studyKey,
      instances,
      confirmBurnedIn: row.job.confirmBurnedIn,
      connections,
      onDeidentifying: () => setStatus(db, row.id, "DEIDENTIFYING"),
    });
    await linkCaseToStudy(db, clinician, { caseId: imported.caseId, pocId: row.pocId, studyInstanceUid });
    // The case exists (and is linked if the PoC sends results back): the pending UID is erased with the same write.
    await setStatus(db, row.id, "INFERRING", { caseId: imported.caseId, sealedStudyUid: null, labSummary: { ...imported.labSummary, skippedInstances: imported.skippedInstances } as Prisma.InputJsonValue });
  } catch (error) {
    await recordFailure(db, row.id, attempts, error);
    return;
  }
  // Inference runs on in this job: a second queued job would wait a polling round for nothing. A
  // retry or a resume after a crash goes through the infer-imported-case job instead.
  await runImportedCaseInference(db, queue, row.id);
}

/** Runs the PoC's model on the imported case; a model failure fails the study with its code, the case stays. */
export async function runImportedCaseInference(db: Db, queue: JobQueue, importStudyId: string): Promise<void> {
  const row = await db.importStudy.findUnique({ where: { id: importStudyId } });
  if (!row || !row.caseId || finished.includes(row.status)) return;
  try {
    const inference = await runCaseInference(db, row.caseId);
    if (inference.status === "SUCCEEDED") {
      await setStatus(db, row.id, "DONE", { errorCode: null, errorParams: Prisma.DbNull });
      if (await db.caseStudyLink.findUnique({ where: { caseId: row.caseId }, select: { caseId: true } })) await queue.send("write-back-results", { id: row.caseId });
    } else await setStatus(db, row.id, "FAILED", { errorCode: "INFERENCE_FAILED", errorParams: { code: inference.errorCode ?? "" } });
  } catch (error) {
    await recordFailure(db, row.id, row.attempts, error);
  }
}

/** After a restart on the embedded database: everything not finished goes back on the queue. */
export async function resumePendingImports(db: Db, queue: JobQueue): Promise<number> {
  const pending = await db.importStudy.findMany({ where: { status: { notIn: finished } }, select: { id: true, caseId: true } });
  for (const row of pending) await queue.send(row.caseId ? "infer-imported-case" : "import-study", { id: row.id });
  return pending.length;
}
