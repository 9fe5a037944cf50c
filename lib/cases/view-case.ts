import "server-only";
import { actorFields, recordAuditEvent } from "@/lib/audit/record-audit-event";
import { caseScope, type Actor } from "@/lib/auth/site-scope";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";

/** Loads a case of the viewer's sites and audits the view (MHLW guideline: who saw which case, when). */
export async function viewCase(db: Db, viewer: Actor, caseId: string) {
  const item = await db.case.findFirst({
    where: { id: caseId, ...caseScope(viewer) },
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
