import "server-only";
import { actorFields, recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { Actor } from "@/lib/auth/site-scope";
import { findDeploymentInScope } from "./find-deployment";
import type { SetPeriodLengthInput } from "./schema";

/**
 * Weekly or monthly periods. Cells are keyed by their period's start, so the length can change only
 * before the first observation; afterwards it is part of the record (CONFLICT).
 */
export async function setPeriodLength(db: Db, actor: Actor, input: SetPeriodLengthInput) {
  const deployment = await findDeploymentInScope(db, actor, input.deploymentId);
  return db.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT id FROM "Deployment" WHERE id = ${deployment.id} FOR UPDATE`;
    if ((await tx.monitoringCell.count({ where: { deploymentId: deployment.id } })) > 0) throw new AppError("CONFLICT");
    await tx.deployment.update({ where: { id: deployment.id }, data: { periodLength: input.periodLength } });
    await recordAuditEvent(tx, { ...actorFields(actor), action: "monitoring.period_length_set", entityType: "Deployment", entityId: deployment.id, details: { pocId: deployment.pocId, periodLength: input.periodLength } });
    return { periodLength: input.periodLength };
  });
}
