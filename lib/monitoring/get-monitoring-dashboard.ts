import "server-only";
import type { Db } from "@/lib/db/client";
import type { Actor } from "@/lib/auth/site-scope";
import { computeMonitoring } from "./compute-monitoring";
import { findDeploymentInScope } from "./find-deployment";
import { loadMonitoringCells } from "./record-observations";
import { monitoringBaselineSchema } from "./schema";

/** One deployment's dashboard: figures from its cells, its signed rules and the timeline of rule events with their reviews. */
export async function getMonitoringDashboard(db: Db, actor: Pick<Actor, "role" | "siteIds">, deploymentId: string) {
  const deployment = await findDeploymentInScope(db, actor, deploymentId);
  const baseline = monitoringBaselineSchema.parse(deployment.baseline);
  const [cells, rules, events] = await Promise.all([
    loadMonitoringCells(db, deployment.id),
    db.stopRule.findMany({ where: { deploymentId: deployment.id }, orderBy: { signedAt: "asc" }, select: { id: true, kind: true, dimension: true, threshold: true, statement: true, signedAt: true, signedById: true } }),
    db.stopRuleEvent.findMany({ where: { deploymentId: deployment.id }, orderBy: { firedAt: "asc" }, select: { id: true, ruleId: true, periodStart: true, value: true, firedAt: true, checklistItemId: true } }),
  ]);
  const [items, signers] = await Promise.all([
    db.checklistItem.findMany({ where: { id: { in: events.map((e) => e.checklistItemId) } }, select: { id: true, status: true, updatedAt: true } }),
    db.user.findMany({ where: { id: { in: rules.map((r) => r.signedById) } }, select: { id: true, name: true } }),
  ]);
  const itemById = new Map(items.map((item) => [item.id, item]));
  const timeline = events.map((event) => {
    const item = itemById.get(event.checklistItemId);
    return { ...event, periodStart: event.periodStart.toISOString().slice(0, 10), reviewStatus: item?.status ?? "OPEN", resolved: item?.status === "APPROVED" || item?.status === "NOT_APPLICABLE" };
  });
  return {
    deployment: { id: deployment.id, pocId: deployment.pocId, title: deployment.poc.title, periodLength: deployment.periodLength, adoptedAt: deployment.adoptedAt, isDemo: deployment.isDemo },
    status: timeline.some((event) => !event.resolved) ? ("UNDER_REVIEW" as const) : ("MONITORING" as const),
    baseline,
    figures: computeMonitoring(baseline, cells),
    rules: rules.map((rule) => ({ ...rule, signerName: signers.find((s) => s.id === rule.signedById)?.name ?? "" })),
    timeline,
  };
}
