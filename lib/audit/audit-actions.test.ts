import { describe, expect, it } from "vitest";
import en from "@/lib/i18n/messages/en/trust.json";
import ja from "@/lib/i18n/messages/ja/trust.json";
import { auditActionPrefixes, auditActions, auditEntityTypes, isAuditAction } from "./audit-actions";

const label = (catalogue: typeof en, action: string) => {
  const [domain, verb] = action.split(".") as [string, string];
  return (catalogue.auditCatalogue.actions as Record<string, Record<string, string> | undefined>)[domain]?.[verb];
};

describe("the audit action catalogue", () => {
  it("names each action once, as domain.verb", () => {
    expect(new Set(auditActions).size).toBe(auditActions.length);
    for (const action of auditActions) expect(action).toMatch(/^[a-z]+\.[a-z_]+$/);
  });

  it("covers the actions the old filter list missed (reads, outcomes, KPIs, models, ROI, case submission) and the newer account actions", () => {
    for (const action of ["read.complete", "read.first_call", "outcome.record", "outcome.import", "kpi.export_csv", "model.register", "roi.scenario_update", "case.submit", "auth.sign_out_everywhere", "auth.session_revoke", "auth.password_change", "checklist.second_signer_rule"])
      expect(isAuditAction(action), action).toBe(true);
    expect(auditActionPrefixes).toEqual(expect.arrayContaining(["read.", "outcome.", "kpi.", "model.", "roi.", "case."]));
  });

  it("has a label for every action and entity type in Japanese and English", () => {
    for (const catalogue of [en, ja]) {
      expect(auditActions.filter((action) => !label(catalogue, action))).toEqual([]);
      expect(auditEntityTypes.filter((type) => !(catalogue.auditCatalogue.entityTypes as Record<string, string>)[type])).toEqual([]);
    }
  });

  it("labels nothing that is not in the catalogue", () => {
    const labelled = Object.entries(en.auditCatalogue.actions).flatMap(([domain, verbs]) => Object.keys(verbs).map((verb) => `${domain}.${verb}`));
    expect(labelled.filter((action) => !isAuditAction(action))).toEqual([]);
  });
});
