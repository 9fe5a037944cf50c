import "server-only";
import type { Db } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import type { AccessReviewFilter, AuditSearch } from "@/lib/audit/schema";
import { auditScope, caseScope, userScope, type SiteReach } from "@/lib/auth/site-scope";

const auditPageSize = 50;

// Dates are calendar days in Japan time, the portal's display time zone.
const japanOffset = "+09:00";
function periodWhere(from?: string, to?: string): Prisma.DateTimeFilter | undefined {
  if (!from && !to) return undefined;
  return {
    ...(from ? { gte: new Date(`${from}T00:00:00.000${japanOffset}`) } : {}),
    ...(to ? { lt: new Date(new Date(`${to}T00:00:00.000${japanOffset}`).getTime() + 24 * 3600 * 1000) } : {}),
  };
}

/** The viewer's filters within the viewer's sites: the scope is part of every audit query, never applied after it. */
function auditWhere(viewer: SiteReach, search: Omit<AuditSearch, "page">): Prisma.AuditEventWhereInput {
  return { AND: [auditScope(viewer), filterWhere(search)] };
}

function filterWhere(search: Omit<AuditSearch, "page">): Prisma.AuditEventWhereInput {
  return {
    ...(search.actorId ? { actorId: search.actorId } : {}),
    ...(search.action ? { action: search.action.endsWith(".") ? { startsWith: search.action } : search.action } : {}),
    ...(search.entityType ? { entityType: search.entityType } : {}),
    ...(search.entityId ? { entityId: search.entityId } : {}),
    ...(search.outcome ? { outcome: search.outcome } : {}),
    ...(search.pocId ? { OR: [{ entityType: "Poc", entityId: search.pocId }, { details: { path: ["pocId"], equals: search.pocId } }] } : {}),
    ...(periodWhere(search.from, search.to) ? { at: periodWhere(search.from, search.to) } : {}),
  };
}

/** One page of matching events, newest first, with the total for paging. */
export async function searchAuditEvents(db: Db, viewer: SiteReach, search: AuditSearch) {
  const where = auditWhere(viewer, search);
  const [total, events] = await Promise.all([
    db.auditEvent.count({ where }),
    db.auditEvent.findMany({ where, orderBy: { seq: "desc" }, skip: (search.page - 1) * auditPageSize, take: auditPageSize }),
  ]);
  return { total, events, pageCount: Math.max(1, Math.ceil(total / auditPageSize)) };
}

/** All matching events in seq order, a page at a time, for CSV export without holding them all in memory. */
export async function* iterateAuditEvents(db: Db, viewer: SiteReach, search: Omit<AuditSearch, "page">, batchSize = 2000) {
  const where = auditWhere(viewer, search);
  let afterSeq = 0;
  for (;;) {
    const batch = await db.auditEvent.findMany({ where: { AND: [where, { seq: { gt: afterSeq } }] }, orderBy: { seq: "asc" }, take: batchSize });
    if (batch.length === 0) return;
    yield* batch;
    afterSeq = batch[batch.length - 1]!.seq;
  }
}

/** Names and e-mails of the users these events mention, for display only. */
export async function actorDirectory(db: Db, actorIds: Iterable<string | null>) {
  const ids = [...new Set([...actorIds].filter((id): id is string => Boolean(id)))];
  const users = ids.length ? await db.user.findMany({ where: { id: { in: ids } }, select: { id: true, name: true, email: true } }) : [];
  return new Map(users.map((user) => [user.id, user]));
}

/**
 * Who viewed which case (the "case.view" events the clinician workflow writes), one row per reader and
 * case with the number of views and the first and last, as the MHLW guideline's access review asks.
 */
export async function summariseCaseAccess(db: Db, viewer: SiteReach, filter: AccessReviewFilter) {
  const at = periodWhere(filter.from, filter.to);
  const groups = await db.auditEvent.groupBy({
    by: ["actorId", "entityId"],
    where: { ...auditScope(viewer), action: "case.view", entityType: "Case", ...(filter.actorId ? { actorId: filter.actorId } : {}), ...(filter.caseId ? { entityId: filter.caseId } : {}), ...(at ? { at } : {}) },
    _count: { _all: true },
    _min: { at: true },
    _max: { at: true },
    orderBy: { _max: { at: "desc" } },
    take: 1000,
  });
  const caseIds = groups.map((group) => group.entityId).filter((id): id is string => Boolean(id));
  const [actors, cases] = await Promise.all([
    actorDirectory(db, groups.map((group) => group.actorId)),
    caseIds.length ? db.case.findMany({ where: { id: { in: caseIds }, ...caseScope(viewer) }, select: { id: true, code: true, poc: { select: { title: true } } } }) : [],
  ]);
  const caseById = new Map(cases.map((item) => [item.id, item]));
  return groups.map((group) => ({
    actorId: group.actorId,
    actor: group.actorId ? (actors.get(group.actorId) ?? null) : null,
    caseId: group.entityId,
    caseCode: group.entityId ? (caseById.get(group.entityId)?.code ?? null) : null,
    pocTitle: group.entityId ? (caseById.get(group.entityId)?.poc.title ?? null) : null,
    views: group._count._all,
    firstViewedAt: group._min.at,
    lastViewedAt: group._max.at,
  }));
}

/**
 * The people the audit filters offer: those of the viewer's sites (admins: everyone), so the list
 * names no one of another site.
 */
export function listAuditActors(db: Db, viewer: SiteReach) {
  return db.user.findMany({
    where: userScope(viewer),
    orderBy: { name: "asc" },
    select: { id: true, name: true, email: true },
  });
}
