import "server-only";
import { actorFields, recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { Db } from "@/lib/db/client";
import type { Actor } from "@/lib/auth/site-scope";
import { evaluateStopRules } from "./evaluate-stop-rules";
import { findDeploymentInScope } from "./find-deployment";
import { recordObservations } from "./record-observations";
import type { RecordObservationsInput } from "./schema";

/** Records a batch (cells and its audit event in one transaction), then evaluates the stop rules on the new totals. */
export async function ingestObservations(db: Db, actor: Actor, input: RecordObservationsInput) {
  const deployment = await findDeploymentInScope(db, actor, input.deploymentId);
  const cells = await db.$transaction(async (tx) => {
    const touched = await recordObservations(tx, deployment.id, input.observations, input.modelSha256);
    await recordAuditEvent(tx, {
      ...actorFields(actor),
      action: "monitoring.observations_record",
      entityType: "Deployment",
      entityId: deployment.id,
      details: { pocId: deployment.pocId, observations: input.observations.length, cells: touched },
    });
    return touched;
  });
  const fired = await evaluateStopRules(db, deployment.id);
  return { observations: input.observations.length, cells, stopRulesFired: fired.length };
}
