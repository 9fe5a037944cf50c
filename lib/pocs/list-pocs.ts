import "server-only";
import { pocScope, type SiteReach } from "@/lib/auth/site-scope";
import type { Db } from "@/lib/db/client";

export function listPocsWithProgress(db: Db, user: SiteReach) {
  return db.poc.findMany({
    where: pocScope(user),
    orderBy: { createdAt: "desc" },
    include: {
      site: { select: { code: true, nameEn: true, nameJa: true } },
      modelVersion: { select: { name: true, version: true } },
      _count: { select: { cases: true, checklistItems: true } },
    },
  });
}

/** Running PoCs of the clinician's sites that accept cases, with the model manifest the upload form needs. */
export function listPocsAcceptingCases(db: Db, clinician: SiteReach) {
  return db.poc.findMany({ where: { ...pocScope(clinician), status: "RUNNING" }, include: { modelVersion: { select: { manifest: true } } }, orderBy: { createdAt: "desc" } });
}

/** PoC ids and titles of the user's sites, newest first (choosers). */
export function listPocChoices(db: Db, user: SiteReach) {
  return db.poc.findMany({ where: pocScope(user), select: { id: true, title: true }, orderBy: { createdAt: "desc" } });
}
