import "server-only";
import type { Db } from "@/lib/db/client";
import type { Actor } from "@/lib/auth/site-scope";
import { pocScope } from "@/lib/auth/site-scope";

/**
 * The deployments the actor's sites cover, each with its status: "under review" while any review a
 * stop rule opened is not signed off (approved or not applicable), "monitoring" otherwise.
 */
export async function listDeployments(db: Db, actor: Pick<Actor, "role" | "siteIds">) {
  const deployments = await db.deployment.findMany({
    where: { poc: pocScope(actor) },
    orderBy: { adoptedAt: "desc" },
    select: {
      id: true,
      adoptedAt: true,
      periodLength: true,
      isDemo: true,
      poc: { select: { id: true, title: true, site: { select: { code: true } }, modelVersion: { select: { name: true, version: true } } } },
      ruleEvents: { select: { id: true, checklistItemId: true, firedAt: true } },
      _count: { select: { stopRules: true } },
    },
  });
  const itemIds = deployments.flatMap((d) => d.ruleEvents.map((e) => e.checklistItemId));
  const open = new Set(
    (await db.checklistItem.findMany({ where: { id: { in: itemIds }, status: { notIn: ["APPROVED", "NOT_APPLICABLE"] } }, select: { id: true } })).map((item) => item.id),
  );
  return deployments.map(({ ruleEvents, ...deployment }) => {
    const openReviews = ruleEvents.filter((e) => open.has(e.checklistItemId));
    return { ...deployment, status: openReviews.length > 0 ? ("UNDER_REVIEW" as const) : ("MONITORING" as const), openReviewItemIds: openReviews.map((e) => e.checklistItemId), ruleEvents: ruleEvents.length };
  });
}
