import "server-only";
import type { Db } from "@/lib/db/client";
import { emptyChecklistProgress, isChecklistItemOverdue, isChecklistItemSatisfied, tallyChecklist } from "@/lib/governance/checklist-progress";
import { pocScope, type SiteReach } from "@/lib/auth/site-scope";

export const upcomingWindowDays = 14;

/** Progress of every PoC within the actor's sites, coverage per framework across them, and what is overdue or due soon. */
export async function getGovernanceOverview(db: Db, actor: SiteReach, now = new Date()) {
  const pocs = await db.poc.findMany({
    where: pocScope(actor),
    orderBy: { createdAt: "desc" },
    select: {
      id: true,
      title: true,
      status: true,
      isDemo: true,
      site: { select: { code: true, nameEn: true, nameJa: true } },
      checklistItems: { select: { id: true, key: true, titleEn: true, titleJa: true, phase: true, status: true, naReason: true, dueDate: true, frameworks: true, owner: { select: { name: true } } } },
    },
  });
  const overall = emptyChecklistProgress();
  const upcomingLimit = new Date(now.getTime() + upcomingWindowDays * 24 * 3600 * 1000);
  const overdue: DueItem[] = [];
  const upcoming: DueItem[] = [];
  const perPoc = pocs.map((poc) => {
    tallyChecklist(poc.checklistItems, now, overall);
    for (const item of poc.checklistItems) {
      if (!item.dueDate || isChecklistItemSatisfied(item)) continue;
      const due = { pocId: poc.id, pocTitle: poc.title, itemId: item.id, titleEn: item.titleEn, titleJa: item.titleJa, phase: item.phase, dueDate: item.dueDate, ownerName: item.owner?.name ?? null };
      if (isChecklistItemOverdue(item, now)) overdue.push(due);
      else if (item.dueDate <= upcomingLimit) upcoming.push(due);
    }
    return { id: poc.id, title: poc.title, status: poc.status, isDemo: poc.isDemo, site: poc.site, progress: tallyChecklist(poc.checklistItems, now) };
  });
  const byDueDate = (a: DueItem, b: DueItem) => a.dueDate.getTime() - b.dueDate.getTime();
  return { pocs: perPoc, overall, overdue: overdue.sort(byDueDate), upcoming: upcoming.sort(byDueDate) };
}

type DueItem = { pocId: string; pocTitle: string; itemId: string; titleEn: string; titleJa: string; phase: string; dueDate: Date; ownerName: string | null };

/** One PoC's checklist with everything the governance page shows per item, or null outside the actor's sites. */
export async function getPocChecklist(db: Db, actor: SiteReach, pocId: string) {
  const poc = await db.poc.findFirst({
    where: { id: pocId, ...pocScope(actor) },
    include: {
      site: { select: { id: true, code: true, nameEn: true, nameJa: true } },
      modelVersion: { select: { name: true, version: true } },
      decidedBy: { select: { name: true } },
      checklistItems: {
        orderBy: { sortOrder: "asc" },
        include: {
          owner: { select: { id: true, name: true } },
          evidence: { orderBy: { createdAt: "asc" }, include: { addedBy: { select: { name: true } } } },
          comments: { orderBy: { createdAt: "asc" }, include: { author: { select: { name: true } } } },
          signOffs: { orderBy: { signedAt: "asc" }, include: { signer: { select: { name: true } } } },
        },
      },
    },
  });
  if (!poc) return null;
  const itemIds = poc.checklistItems.map((item) => item.id);
  const [history, owners] = await Promise.all([
    db.auditEvent.findMany({ where: { entityType: "ChecklistItem", entityId: { in: itemIds } }, orderBy: { seq: "asc" } }),
    db.user.findMany({
      where: { disabled: false, OR: [{ role: "ADMIN" }, { sites: { some: { siteId: poc.siteId } } }] },
      orderBy: { name: "asc" },
      select: { id: true, name: true, role: true },
    }),
  ]);
  const actorNames = new Map((await db.user.findMany({ where: { id: { in: [...new Set(history.map((event) => event.actorId).filter((id): id is string => Boolean(id)))] } }, select: { id: true, name: true } })).map((user) => [user.id, user.name]));
  const historyByItem = new Map<string, { seq: number; at: Date; action: string; outcome: string; actorName: string | null; details: unknown }[]>();
  for (const event of history) {
    const list = historyByItem.get(event.entityId!) ?? [];
    list.push({ seq: event.seq, at: event.at, action: event.action, outcome: event.outcome, actorName: event.actorId ? (actorNames.get(event.actorId) ?? null) : null, details: event.details });
    historyByItem.set(event.entityId!, list);
  }
  return { poc, progress: tallyChecklist(poc.checklistItems, new Date()), history: historyByItem, owners };
}
