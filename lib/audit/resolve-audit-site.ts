import type { Tx } from "@/lib/db/client";

/** What an audit event says about itself; enough to find the site it concerns. */
export type AuditSiteHints = { siteId?: string | null; entityType?: string | null; entityId?: string | null; details?: Record<string, unknown> | null };

function detailId(details: AuditSiteHints["details"], key: string): string | null {
  const value = details?.[key];
  return typeof value === "string" && value.length > 0 ? value : null;
}

/**
 * The site an audit event concerns, so that audit views can be scoped by site in their query. A writer
 * may name it; otherwise it follows from the entity (a PoC, case, read, checklist item, ROI scenario,
 * site) or from a `pocId`/`caseId`/`siteId` in the details. Null: the event concerns no one site
 * (sign-ins, users, models), and only admins see it. The migration that added the column back-fills
 * older rows with the same rules in SQL.
 */
export async function resolveAuditSiteId(tx: Tx, hints: AuditSiteHints): Promise<string | null> {
  if (hints.siteId !== undefined) return hints.siteId;
  const fromEntity = hints.entityId ? await siteOfEntity(tx, hints.entityType ?? null, hints.entityId) : null;
  if (fromEntity) return fromEntity;
  const pocId = detailId(hints.details, "pocId");
  if (pocId) return siteOfPoc(tx, pocId);
  const caseId = detailId(hints.details, "caseId");
  if (caseId) return siteOfCase(tx, caseId);
  return detailId(hints.details, "siteId");
}

async function siteOfEntity(tx: Tx, entityType: string | null, entityId: string): Promise<string | null> {
  switch (entityType) {
    case "Site":
      return entityId;
    case "Poc":
      return siteOfPoc(tx, entityId);
    case "Case":
      return siteOfCase(tx, entityId);
    case "Read": {
      const read = await tx.read.findUnique({ where: { id: entityId }, select: { case: { select: { poc: { select: { siteId: true } } } } } });
      return read?.case.poc.siteId ?? null;
    }
    case "ChecklistItem": {
      const item = await tx.checklistItem.findUnique({ where: { id: entityId }, select: { poc: { select: { siteId: true } } } });
      return item?.poc.siteId ?? null;
    }
    case "ChecklistTemplateItem": {
      const template = await tx.checklistTemplateItem.findUnique({ where: { id: entityId }, select: { siteId: true } });
      return template?.siteId ?? null;
    }
    case "RoiScenario": {
      const scenario = await tx.roiScenario.findUnique({ where: { id: entityId }, select: { poc: { select: { siteId: true } } } });
      return scenario?.poc.siteId ?? null;
    }
    default:
      return null;
  }
}

async function siteOfPoc(tx: Tx, pocId: string) {
  return (await tx.poc.findUnique({ where: { id: pocId }, select: { siteId: true } }))?.siteId ?? null;
}

async function siteOfCase(tx: Tx, caseId: string) {
  return (await tx.case.findUnique({ where: { id: caseId }, select: { poc: { select: { siteId: true } } } }))?.poc.siteId ?? null;
}
