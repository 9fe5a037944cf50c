import "server-only";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { Db } from "@/lib/db/client";
import { computeMonitoring } from "./compute-monitoring";
import { notifySiteRoles } from "./notify-users";
import { periodKey, periodStartOf } from "./periods";
import { loadMonitoringCells } from "./record-observations";
import { monitoringBaselineSchema } from "./schema";
import { sendNotificationEmails } from "./send-notification-emails";
import { findRuleBreaches } from "./stop-rule-values";
import type { StopRuleKind } from "./stop-rule-kinds";

const reviewItemKeyPrefix = "monitoring.review.";

/**
 * Evaluates a deployment's signed stop rules on its cells. A rule fires at most once while a review it
 * opened is unresolved: the deployment becomes "under review", a governance item opens for the
 * compliance officer, compliance officers and executives of the site are notified (and e-mailed where
 * SMTP is configured), and the firing is in the audit chain — all in one transaction.
 */
export async function evaluateStopRules(db: Db, deploymentId: string, now = new Date()) {
  const fired: { ruleId: string; periodStart: string; value: number }[] = [];
  const recipients = await db.$transaction(async (tx) => {
    // One evaluator at a time per deployment, so two requests cannot open two reviews for one breach.
    await tx.$queryRaw`SELECT id FROM "Deployment" WHERE id = ${deploymentId} FOR UPDATE`;
    const deployment = await tx.deployment.findUniqueOrThrow({
      where: { id: deploymentId },
      select: { id: true, baseline: true, periodLength: true, poc: { select: { id: true, siteId: true } }, stopRules: { select: { id: true, kind: true, dimension: true, threshold: true } } },
    });
    if (deployment.stopRules.length === 0) return [];
    const figures = computeMonitoring(monitoringBaselineSchema.parse(deployment.baseline), await loadMonitoringCells(tx, deploymentId));
    const events = await tx.stopRuleEvent.findMany({ where: { deploymentId }, select: { ruleId: true, periodStart: true, checklistItemId: true } });
    const items = await tx.checklistItem.findMany({ where: { id: { in: events.map((e) => e.checklistItemId) } }, select: { id: true, status: true, updatedAt: true } });
    const resolvedAt = new Map(items.filter((item) => item.status === "APPROVED" || item.status === "NOT_APPLICABLE").map((item) => [item.id, item.updatedAt]));
    const userIds = new Set<string>();
    for (const rule of deployment.stopRules) {
      const ruleEvents = events.filter((e) => e.ruleId === rule.id).sort((a, b) => a.periodStart.getTime() - b.periodStart.getTime());
      if (ruleEvents.some((e) => !resolvedAt.has(e.checklistItemId))) continue;
      // The first breach fires; after a resolved review the rule watches only periods that start after the
      // period of the resolution, so a shift the officer accepted does not reopen on the data already reviewed.
      const last = ruleEvents.at(-1);
      const watchFrom = last ? periodKey(periodStartOf(resolvedAt.get(last.checklistItemId)!, deployment.periodLength)) : "";
      const breach = findRuleBreaches({ kind: rule.kind as StopRuleKind, dimension: rule.dimension, threshold: rule.threshold }, figures).find((b) => b.periodStart > watchFrom);
      if (!breach) continue;
      const item = await tx.checklistItem.create({
        data: {
          pocId: deployment.poc.id,
          key: `${reviewItemKeyPrefix}${rule.id}.${breach.periodStart}`,
          family: "MODEL",
          phase: "ONGOING",
          titleEn: `Monitoring review: stop rule ${rule.kind} fired for the period from ${breach.periodStart}`,
          titleJa: `モニタリングレビュー：停止ルール ${rule.kind} が ${breach.periodStart} からの期間に発動`,
          evidenceEn: "Review the monitoring dashboard of the deployment, decide whether to continue, retrain or withdraw the model, and record the decision.",
          evidenceJa: "デプロイのモニタリングダッシュボードを確認し、継続・再学習・撤退を判断して記録する。",
          frameworks: ["EU_AI_ACT_ART_9", "EU_AI_ACT_ART_73"],
          // The evidence is the monitoring record itself, which the portal holds; the statement records the decision.
          requiresEvidence: false,
          sortOrder: 100_000,
        },
        select: { id: true },
      });
      const event = await tx.stopRuleEvent.create({
        data: { ruleId: rule.id, deploymentId, periodStart: new Date(`${breach.periodStart}T00:00:00.000Z`), value: breach.value, firedAt: now, checklistItemId: item.id },
        select: { id: true },
      });
      await recordAuditEvent(tx, {
        action: "monitoring.stop_rule_fired",
        entityType: "Deployment",
        entityId: deploymentId,
        details: { pocId: deployment.poc.id, ruleId: rule.id, kind: rule.kind, eventId: event.id, checklistItemId: item.id, periodStart: breach.periodStart, value: breach.value, threshold: rule.threshold },
      });
      const notified = await notifySiteRoles(tx, deployment.poc.siteId, ["COMPLIANCE", "EXECUTIVE"], {
        kind: "monitoring.stop_rule_fired",
        entityType: "Deployment",
        entityId: deploymentId,
        params: { kind: rule.kind, periodStart: breach.periodStart, checklistItemId: item.id },
      });
      notified.forEach((id) => userIds.add(id));
      fired.push({ ruleId: rule.id, ...breach });
    }
    return [...userIds];
  });
  if (recipients.length > 0) await sendNotificationEmails(db, recipients, { deploymentId, fired: fired.length });
  return fired;
}
