import type { Prisma } from "@/lib/db/generated/client";
import type { Role } from "@/lib/db/generated/enums";

/**
 * Who acts, as every domain function receives it: the user, their role, the sites they belong to and
 * the request (for the audit log). The one actor type; admins reach every site whatever their memberships.
 */
export type Actor = { id: string; role: Role; siteIds: readonly string[]; requestId?: string };

/** The part of an actor that decides what they reach. */
export type SiteReach = Pick<Actor, "role" | "siteIds">;

/** For the command line (audit:verify): the operator of the installation reaches every site. */
export const operatorReach: SiteReach = { role: "ADMIN", siteIds: [] };

function reachesEverySite(actor: SiteReach): boolean {
  return actor.role === "ADMIN";
}

// A fresh array each time: Prisma inputs must not alias the actor's own list.
function siteIdFilter(actor: SiteReach): Prisma.StringFilter {
  return { in: [...actor.siteIds] };
}

/** PoCs the actor reaches, as a Prisma `where` (spread or nest it; never widen it). */
export function pocScope(actor: SiteReach): Prisma.PocWhereInput {
  return reachesEverySite(actor) ? {} : { siteId: siteIdFilter(actor) };
}

/** Rows keyed by one site (a site's signing key, its integration settings) that the actor reaches. */
export function siteRowScope(actor: SiteReach): { siteId?: Prisma.StringFilter } {
  return reachesEverySite(actor) ? {} : { siteId: siteIdFilter(actor) };
}

/** Cases the actor reaches: those of PoCs they reach. */
export function caseScope(actor: SiteReach): Prisma.CaseWhereInput {
  return { poc: pocScope(actor) };
}

/**
 * Audit events the actor may read: those about their own sites. Events with no site (sign-ins, user
 * administration) are for admins only, as they name people of every site.
 */
export function auditScope(actor: SiteReach): Prisma.AuditEventWhereInput {
  return reachesEverySite(actor) ? {} : { siteId: siteIdFilter(actor) };
}

/** People the actor may see named (audit filters): members of their sites; admins see everyone. */
export function userScope(actor: SiteReach): Prisma.UserWhereInput {
  return reachesEverySite(actor) ? {} : { sites: { some: { siteId: siteIdFilter(actor) } } };
}
