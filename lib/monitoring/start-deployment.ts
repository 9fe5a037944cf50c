import "server-only";
import { actorFields, recordAuditEvent, type AuditActor } from "@/lib/audit/record-audit-event";
import type { Tx } from "@/lib/db/client";
import { freezeBaseline } from "./freeze-baseline";

/**
 * Deciding "scale" (adopt) turns the PoC into a monitored deployment, in the decision's transaction:
 * the baseline is frozen from the PoC with its model version. Idempotent per PoC.
 */
export async function startDeployment(tx: Tx, actor: AuditActor, poc: { id: string; modelVersionId: string; isDemo?: boolean }, now: Date) {
  const existing = await tx.deployment.findUnique({ where: { pocId: poc.id }, select: { id: true } });
  if (existing) return existing;
  const baseline = await freezeBaseline(tx, poc, now);
  const deployment = await tx.deployment.create({
    data: { pocId: poc.id, modelVersionId: poc.modelVersionId, adoptedAt: now, baseline, isDemo: poc.isDemo ?? false },
    select: { id: true },
  });
  await recordAuditEvent(tx, {
    ...actorFields(actor),
    action: "monitoring.deployment_start",
    entityType: "Deployment",
    entityId: deployment.id,
    details: { pocId: poc.id, modelVersionId: poc.modelVersionId, baselineCases: baseline.cases },
  });
  return deployment;
}
