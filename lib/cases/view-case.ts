import "server-only";
import { actorFields, recordAuditEvent, type AuditActor } from "@/lib/audit/record-audit-event";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";

export type CaseViewer = AuditActor & { siteIds: string[] };

/** Loads a case of the viewer's sites and audits the view (MHLW guideline: who saw which case, when). */
export async function viewCase(db: Db, viewer: CaseViewer, caseId: string) {
  const item = await db.case.findFirst({
    where: { id: caseId, poc: { siteId: { in: viewer.siteIds } } },
    include: {
      images: { orderBy: { createdAt: "asc" } },
      poc: { include: { modelVersion: { select: { id: true, name: true, version: true, manifest: true } } } },
      inferences: { orderBy: { createdAt: "desc" }, take: 1 },
      outcome: true,
      _count: { select: { reads: { where: { status: "COMPLETED" } } } },
    },
  });
  if (!item) throw new AppError("NOT_FOUND");
  await db.$transaction((tx) => recordAuditEvent(tx, { ...actorFields(viewer), action: "case.view", entityType: "Case", entityId: item.id }));
  return item;
}

/**
 * Blinding: a reader with an unaided read of this case still open must not see the AI output for
 * it, however they ask. Everyone else at the site may.
 */
export async function assertMaySeeAiOutput(db: Db, viewer: CaseViewer, caseId: string): Promise<void> {
  const blinded = await db.read.count({ where: { caseId, readerId: viewer.id, arm: "UNAIDED", status: "ASSIGNED" } });
  if (blinded > 0) throw new AppError("AI_OUTPUT_BLINDED");
}
