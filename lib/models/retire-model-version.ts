import "server-only";
import { actorFields, recordAuditEvent, type AuditActor } from "@/lib/audit/record-audit-event";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";

/**
 * Retires a model version: it stays with the PoCs and results that used it, but no new PoC can choose
 * it (MODEL_NOT_AVAILABLE). The way out when a version is in use and so cannot be deleted. Idempotent.
 */
export async function retireModelVersion(db: Db, actor: AuditActor, modelVersionId: string) {
  return db.$transaction(async (tx) => {
    const model = await tx.modelVersion.findUnique({ where: { id: modelVersionId }, select: { id: true, status: true } });
    if (!model) throw new AppError("NOT_FOUND");
    if (model.status === "RETIRED") return { id: model.id, status: model.status };
    const retired = await tx.modelVersion.update({ where: { id: model.id }, data: { status: "RETIRED" }, select: { id: true, status: true } });
    await recordAuditEvent(tx, { ...actorFields(actor), action: "model.retire", entityType: "ModelVersion", entityId: model.id });
    return retired;
  });
}
