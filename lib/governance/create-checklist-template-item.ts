import "server-only";
import { randomBytes } from "node:crypto";
import { actorFields, recordAuditEvent, type AuditActor } from "@/lib/audit/record-audit-event";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { instantiateChecklist } from "@/lib/governance/instantiate-checklist";
import type { CreateChecklistTemplateItemInput } from "@/lib/governance/schema";

/**
 * Adds a site-specific checklist item. Draft PoCs of that site receive it at once (their gate has not
 * been passed yet); PoCs already approved keep the checklist they were approved against.
 */
export async function createChecklistTemplateItem(db: Db, actor: AuditActor, input: CreateChecklistTemplateItemInput) {
  return db.$transaction(async (tx) => {
    if (!(await tx.site.findUnique({ where: { id: input.siteId }, select: { id: true } }))) throw new AppError("NOT_FOUND");
    const sortOrder = await tx.checklistTemplateItem.count({ where: { siteId: input.siteId } });
    const template = await tx.checklistTemplateItem.create({
      data: { ...input, key: `site.${input.family.toLowerCase()}.${randomBytes(4).toString("hex")}`, sortOrder: sortOrder * 10 },
    });
    const draftPocs = await tx.poc.findMany({ where: { siteId: input.siteId, status: "DRAFT" }, select: { id: true, siteId: true } });
    for (const poc of draftPocs) await instantiateChecklist(tx, poc);
    await recordAuditEvent(tx, {
      ...actorFields(actor),
      action: "checklist.template_create",
      entityType: "ChecklistTemplateItem",
      entityId: template.id,
      details: { siteId: input.siteId, key: template.key, phase: input.phase, frameworks: input.frameworks, draftPocsUpdated: draftPocs.length },
    });
    return { id: template.id, key: template.key };
  });
}

export function listSiteChecklistTemplates(db: Db) {
  return db.checklistTemplateItem.findMany({ where: { siteId: { not: null } }, orderBy: [{ siteId: "asc" }, { sortOrder: "asc" }], include: { site: { select: { code: true } } } });
}
