import "server-only";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { Db } from "@/lib/db/client";
import { Prisma } from "@/lib/db/generated/client";
import type { JobQueue } from "@/lib/jobs/job-queue";
import { describeImportError } from "./import-reasons";
import { importStudyInstances } from "./import-study-instances";
import type { authenticatePocToken } from "./poc-api-tokens";
import { readStudyInstance } from "./read-study-instance";
import { linkCaseToStudy } from "./results-to-pacs";
import { loadSiteConnections } from "./site-integration";
import { studyImportKey } from "./study-import-key";

type InstanceReference = { sopClassUid: string; sopInstanceUid: string };
export type PushOutcome = { stored: InstanceReference[]; failed: (InstanceReference & { reason: string })[] };

/**
 * A router's STOW-RS request: instances grouped by study, each study imported now through the same
 * pipeline as a pull (the identified bytes never touch the disk), then its inference queued. Per
 * study all or nothing; the answer lists what was stored and what failed, as STOW-RS wants.
 */
export async function receivePushedStudies(db: Db, queue: JobQueue, token: Awaited<ReturnType<typeof authenticatePocToken>>, instances: Uint8Array[]): Promise<PushOutcome> {
  const outcome: PushOutcome = { stored: [], failed: [] };
  const studies = new Map<string, { bytes: Uint8Array[]; references: InstanceReference[] }>();
  for (const bytes of instances) {
    const facts = readStudyInstance(bytes);
    if (!facts || !facts.studyInstanceUid) {
      outcome.failed.push({ sopClassUid: facts?.sopClassUid ?? "", sopInstanceUid: facts?.sopInstanceUid ?? "", reason: "FILE_UNREADABLE" });
      continue;
    }
    const study = studies.get(facts.studyInstanceUid) ?? { bytes: [], references: [] };
    study.bytes.push(bytes);
    study.references.push({ sopClassUid: facts.sopClassUid, sopInstanceUid: facts.sopInstanceUid });
    studies.set(facts.studyInstanceUid, study);
  }
  if (studies.size === 0) return outcome;

  const poc = token.poc;
  // Cases are created in the name of the admin who issued the token; the audit names the router.
  const actor = { id: token.createdById, role: "CLINICIAN" as const, siteIds: [poc.siteId] };
  const job = await db.importJob.create({
    data: { pocId: poc.id, source: "PUSH", createdById: token.createdById, apiTokenId: token.id, studies: { create: [...studies.keys()].map((uid) => ({ pocId: poc.id, studyKey: studyImportKey(poc.deidSecret, uid), status: "DEIDENTIFYING" as const, attempts: 1 })) } },
    include: { studies: true },
  });
  const connections = await loadSiteConnections(db, poc.siteId);
  for (const [uid, study] of studies) {
    const row = job.studies.find((candidate) => candidate.studyKey === studyImportKey(poc.deidSecret, uid))!;
    try {
      const imported = await importStudyInstances(db, { poc: { id: poc.id, modelVersion: poc.modelVersion }, clinician: actor, studyKey: row.studyKey, instances: study.bytes, confirmBurnedIn: false, connections });
      await linkCaseToStudy(db, actor, { caseId: imported.caseId, pocId: poc.id, studyInstanceUid: uid });
      await db.importStudy.update({ where: { id: row.id }, data: { status: "INFERRING", caseId: imported.caseId, labSummary: { ...imported.labSummary, skippedInstances: imported.skippedInstances } as Prisma.InputJsonValue } });
      await queue.send("infer-imported-case", { id: row.id });
      outcome.stored.push(...study.references);
    } catch (error) {
      const { reason, params } = describeImportError(error);
      await db.importStudy.update({ where: { id: row.id }, data: { status: "FAILED", errorCode: reason, errorParams: (params ?? Prisma.DbNull) as Prisma.InputJsonValue } });
      outcome.failed.push(...study.references.map((reference) => ({ ...reference, reason })));
    }
  }
  await db.$transaction((tx) =>
    recordAuditEvent(tx, { actorId: token.createdById, actorRole: "PACS_ROUTER", action: "pacs.push", entityType: "ImportJob", entityId: job.id, details: { pocId: poc.id, tokenId: token.id, studies: studies.size, instances: instances.length, failedInstances: outcome.failed.length } }),
  );
  return outcome;
}

// PS3.18 / PS3.4 failure reasons for the STOW-RS answer: C000 "cannot understand", 0110 "processing failure".
export function stowResponse(outcome: PushOutcome) {
  const reference = (item: InstanceReference) => ({ "00081150": { vr: "UI", Value: [item.sopClassUid] }, "00081155": { vr: "UI", Value: [item.sopInstanceUid] } });
  return {
    "00081199": { vr: "SQ", Value: outcome.stored.map(reference) },
    ...(outcome.failed.length > 0 ? { "00081198": { vr: "SQ", Value: outcome.failed.map((item) => ({ ...reference(item), "00081197": { vr: "US", Value: [item.reason === "FILE_UNREADABLE" ? 0xc000 : 0x0110] } })) } } : {}),
  };
}
