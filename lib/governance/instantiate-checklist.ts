import "server-only";
import type { Tx } from "@/lib/db/client";
import type { ChecklistPhase } from "@/lib/db/generated/enums";
import { builtInChecklistTemplates } from "@/lib/governance/checklist-templates";
import { defaultChecklistDueDate } from "@/lib/governance/default-checklist-assignment";

// Site-specific items follow the built-in ones.
const siteItemsSortOffset = 10_000;

/**
 * Gives a PoC its own copy of the checklist: the built-in templates plus its site's items. Copies, so
 * a later template edit never rewrites what a PoC was approved against. Idempotent per item key.
 * Each item starts with an owner (the site's longest-serving active compliance officer) and a due date
 * by phase, so the work queue has something to sort on from day one; officers change both per item.
 */
export async function instantiateChecklist(tx: Tx, poc: { id: string; siteId: string }, now = new Date()): Promise<number> {
  const siteTemplates = await tx.checklistTemplateItem.findMany({ where: { siteId: poc.siteId }, orderBy: [{ sortOrder: "asc" }, { createdAt: "asc" }] });
  const officer = await tx.user.findFirst({ where: { role: "COMPLIANCE", disabled: false, sites: { some: { siteId: poc.siteId } } }, orderBy: { createdAt: "asc" }, select: { id: true } });
  const assignment = (phase: ChecklistPhase) => ({ ownerId: officer?.id ?? null, dueDate: defaultChecklistDueDate(phase, now) });
  const rows = [
    ...builtInChecklistTemplates.map((template, index) => ({
      pocId: poc.id,
      key: template.key,
      family: template.family,
      phase: template.phase,
      titleEn: template.title.en,
      titleJa: template.title.ja,
      evidenceEn: template.evidence.en,
      evidenceJa: template.evidence.ja,
      frameworks: template.frameworks,
      requiresEvidence: template.requiresEvidence,
      highRisk: template.highRisk,
      sortOrder: index * 10,
      ...assignment(template.phase),
    })),
    ...siteTemplates.map((template, index) => ({
      pocId: poc.id,
      key: template.key,
      family: template.family,
      phase: template.phase,
      titleEn: template.titleEn,
      titleJa: template.titleJa,
      evidenceEn: template.evidenceEn,
      evidenceJa: template.evidenceJa,
      frameworks: template.frameworks,
      requiresEvidence: template.requiresEvidence,
      highRisk: template.highRisk,
      sortOrder: siteItemsSortOffset + index * 10,
      ...assignment(template.phase),
    })),
  ];
  const created = await tx.checklistItem.createMany({ data: rows, skipDuplicates: true });
  return created.count;
}
