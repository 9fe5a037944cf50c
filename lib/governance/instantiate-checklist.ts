import "server-only";
import type { Tx } from "@/lib/db/client";
import { builtInChecklistTemplates } from "@/lib/governance/checklist-templates";

// Site-specific items follow the built-in ones.
const siteItemsSortOffset = 10_000;

/**
 * Gives a PoC its own copy of the checklist: the built-in templates plus its site's items. Copies, so
 * a later template edit never rewrites what a PoC was approved against. Idempotent per item key.
 */
export async function instantiateChecklist(tx: Tx, poc: { id: string; siteId: string }): Promise<number> {
  const siteTemplates = await tx.checklistTemplateItem.findMany({ where: { siteId: poc.siteId }, orderBy: [{ sortOrder: "asc" }, { createdAt: "asc" }] });
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
    })),
  ];
  const created = await tx.checklistItem.createMany({ data: rows, skipDuplicates: true });
  return created.count;
}
