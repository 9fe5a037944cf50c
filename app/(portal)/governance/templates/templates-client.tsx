"use client";

import { useTranslations } from "next-intl";
import { ActionError } from "@/app/_components/action-error-client";
import { useAction } from "@/app/_components/use-action-client";
import { checklistFamilies, checklistPhases, complianceFrameworks } from "@/lib/governance/frameworks";
import type { CreateChecklistTemplateItemInput } from "@/lib/governance/schema";
import { createChecklistTemplateItemAction, setSecondSignerRuleAction } from "./actions";

export function CreateTemplateItemForm({ sites }: { sites: { id: string; label: string }[] }) {
  const t = useTranslations("governance");
  const { failure, done, pending, submit } = useAction();
  return (
    <form
      className="stack form-grid"
      onSubmit={submit((form) => createChecklistTemplateItemAction({
        siteId: String(form.get("siteId")),
        family: String(form.get("family")) as CreateChecklistTemplateItemInput["family"],
        phase: String(form.get("phase")) as CreateChecklistTemplateItemInput["phase"],
        titleJa: String(form.get("titleJa")),
        titleEn: String(form.get("titleEn")),
        evidenceJa: String(form.get("evidenceJa")),
        evidenceEn: String(form.get("evidenceEn")),
        frameworks: form.getAll("frameworks").map(String) as CreateChecklistTemplateItemInput["frameworks"],
        requiresEvidence: form.get("requiresEvidence") === "on",
        highRisk: form.get("highRisk") === "on",
      }), { resetOnSuccess: true })}
    >
      <label>
        {t("templates.site")}
        <select name="siteId" required>
          {sites.map((site) => (
            <option key={site.id} value={site.id}>
              {site.label}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t("family")}
        <select name="family">
          {checklistFamilies.map((family) => (
            <option key={family} value={family}>
              {t(`families.${family}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t("phase")}
        <select name="phase">
          {checklistPhases.map((phase) => (
            <option key={phase} value={phase}>
              {t(`phases.${phase}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t("templates.titleJa")}
        <input name="titleJa" required maxLength={300} />
      </label>
      <label>
        {t("templates.titleEn")}
        <input name="titleEn" required maxLength={300} />
      </label>
      <label>
        {t("templates.evidenceJa")}
        <textarea name="evidenceJa" required maxLength={1000} rows={2} />
      </label>
      <label>
        {t("templates.evidenceEn")}
        <textarea name="evidenceEn" required maxLength={1000} rows={2} />
      </label>
      <fieldset>
        <legend>{t("frameworksLabel")}</legend>
        {complianceFrameworks.map((framework) => (
          <label key={framework} className="inline">
            <input type="checkbox" name="frameworks" value={framework} /> {t(`frameworks.${framework}`)}
          </label>
        ))}
      </fieldset>
      <label className="inline">
        <input type="checkbox" name="requiresEvidence" defaultChecked /> {t("templates.requiresEvidence")}
      </label>
      <label className="inline">
        <input type="checkbox" name="highRisk" /> {t("templates.highRisk")}
      </label>
      <ActionError failure={failure} />
      {done && <p role="status">{t("templates.created")}</p>}
      <button type="submit" disabled={pending}>
        {t("templates.add")}
      </button>
    </form>
  );
}

export function SecondSignerRuleForm({ siteId, required }: { siteId: string; required: boolean }) {
  const t = useTranslations("governance");
  const { failure, done, pending, submit } = useAction();
  return (
    <form className="row-actions" onSubmit={submit((form) => setSecondSignerRuleAction({ siteId, required: form.get("required") === "on" }))}>
      <label className="inline">
        <input type="checkbox" name="required" defaultChecked={required} /> {t("templates.secondSignerRequiredLabel")}
      </label>
      <button type="submit" className="secondary" disabled={pending}>
        {t("templates.saveRule")}
      </button>
      <ActionError failure={failure} />
      {done && <span role="status">{t("templates.ruleSaved")}</span>}
    </form>
  );
}
