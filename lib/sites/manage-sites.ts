import "server-only";
import { actorFields, recordAuditEvent, type AuditActor } from "@/lib/audit/record-audit-event";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { CreateSiteInput } from "@/lib/sites/schema";

export async function createSite(db: Db, actor: AuditActor, input: CreateSiteInput) {
  return db.$transaction(async (tx) => {
    if (await tx.site.findUnique({ where: { code: input.code } })) throw new AppError("SITE_CODE_TAKEN");
    const site = await tx.site.create({ data: input });
    await recordAuditEvent(tx, { ...actorFields(actor), action: "site.create", entityType: "Site", entityId: site.id, details: { code: input.code } });
    return { id: site.id };
  });
}

export function listSites(db: Db) {
  return db.site.findMany({ orderBy: { code: "asc" }, include: { _count: { select: { memberships: true, pocs: true } } } });
}
