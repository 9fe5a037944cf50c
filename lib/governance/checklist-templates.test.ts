import { describe, expect, it } from "vitest";
import { catalogues } from "@/lib/i18n/catalogue";
import { builtInChecklistTemplates } from "./checklist-templates";
import { checklistFamilies, checklistPhases, complianceFrameworks } from "./frameworks";

describe("built-in checklist templates", () => {
  it("are well formed: unique keys, Japanese and English text, evidence, a phase and at least one framework", () => {
    const keys = builtInChecklistTemplates.map((template) => template.key);
    expect(new Set(keys).size).toBe(keys.length);
    for (const template of builtInChecklistTemplates) {
      expect(template.key, template.key).toMatch(/^[a-z]+\.[a-z_]+$/);
      expect(checklistFamilies, template.key).toContain(template.family);
      expect(checklistPhases, template.key).toContain(template.phase);
      for (const text of [template.title.ja, template.title.en, template.evidence.ja, template.evidence.en]) expect(text.trim().length, template.key).toBeGreaterThan(5);
      // Japanese text must actually be Japanese, not an English copy.
      expect(template.title.ja, template.key).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
      expect(template.evidence.ja, template.key).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
      expect(template.frameworks.length, template.key).toBeGreaterThan(0);
      for (const framework of template.frameworks) expect(complianceFrameworks).toContain(framework);
    }
  });

  it("cover every family of the domain primer, and every family has pre-start items", () => {
    for (const family of checklistFamilies) {
      expect(builtInChecklistTemplates.some((template) => template.family === family && template.phase === "PRE_START"), family).toBe(true);
    }
    expect(builtInChecklistTemplates.some((template) => template.phase === "PRE_DECISION")).toBe(true);
    expect(builtInChecklistTemplates.some((template) => template.phase === "ONGOING")).toBe(true);
  });

  it("name every framework, family and phase in both catalogues", () => {
    for (const locale of ["ja", "en"] as const) {
      const governance = catalogues[locale].governance as { frameworks: Record<string, string>; families: Record<string, string>; phases: Record<string, string> };
      for (const framework of complianceFrameworks) expect(governance.frameworks[framework], `${locale} ${framework}`).toBeTruthy();
      for (const family of checklistFamilies) expect(governance.families[family], `${locale} ${family}`).toBeTruthy();
      for (const phase of checklistPhases) expect(governance.phases[phase], `${locale} ${phase}`).toBeTruthy();
    }
  });

  it("are evidenced by every framework at least once", () => {
    const used = new Set(builtInChecklistTemplates.flatMap((template) => template.frameworks));
    for (const framework of complianceFrameworks) expect(used, framework).toContain(framework);
  });

  it("say explicitly whether approval needs evidence and whether an item is high-risk", () => {
    for (const template of builtInChecklistTemplates) {
      expect(typeof template.requiresEvidence, template.key).toBe("boolean");
      expect(typeof template.highRisk, template.key).toBe("boolean");
      // Every high-risk item is a pre-start item, and evidence is what a second signer checks.
      if (template.highRisk) expect([template.phase, template.requiresEvidence], template.key).toEqual(["PRE_START", true]);
    }
    // Only the pre-registered targets are evidenced by the portal's own record, and their text says so.
    const withoutEvidence = builtInChecklistTemplates.filter((template) => !template.requiresEvidence);
    expect(withoutEvidence.map((template) => template.key)).toEqual(["model.preregistered_targets"]);
    expect(withoutEvidence[0]!.evidence.en).toMatch(/portal/);
    expect(withoutEvidence[0]!.evidence.ja).toMatch(/ポータル/);
    expect(builtInChecklistTemplates.filter((template) => template.highRisk).map((template) => template.key)).toEqual([
      "privacy.legal_basis",
      "privacy.deid_images",
      "privacy.deid_text",
      "ethics.committee_approval",
      "regulation.samd_classification",
      "security.risk_assessment",
    ]);
  });
});
