"use client";

import { useTranslations } from "next-intl";
import { ActionError } from "@/app/_components/action-error-client";
import { useAction } from "@/app/_components/use-action-client";
import type { CreatePocInput } from "@/lib/pocs/schema";
import { createPocAction } from "./actions";

type Option = { id: string; label: string };

export function CreatePocForm({ sites, models }: { sites: Option[]; models: Option[] }) {
  const t = useTranslations();
  const { failure, done, pending, submit } = useAction();
  return (
    <form
      className="stack form-grid"
      data-testid="create-poc-form"
      onSubmit={submit((form) => {
        // Targets are entered in percent / percentage points and stored as ratios.
        const readingTimeTarget = -Math.abs(Number(form.get("readingTimeReductionPercent"))) / 100;
        const sensitivityMargin = -Math.abs(Number(form.get("sensitivityMarginPoints"))) / 100;
        return createPocAction({
          siteId: String(form.get("siteId")),
          modelVersionId: String(form.get("modelVersionId")),
          title: String(form.get("title")),
          clinicalQuestion: String(form.get("clinicalQuestion")),
          readingDesign: String(form.get("readingDesign")) as CreatePocInput["readingDesign"],
          aiMode: String(form.get("aiMode")) as CreatePocInput["aiMode"],
          aidedShare: Number(form.get("aidedSharePercent")) / 100,
          washoutDays: Number(form.get("washoutDays")),
          outOfIntendedUsePolicy: String(form.get("outOfIntendedUsePolicy")) as CreatePocInput["outOfIntendedUsePolicy"],
          kpiTargets: [
            { kpi: "readingTimeRelativeChange", targetValue: readingTimeTarget, isPrimary: true },
            { kpi: "sensitivityDifference", targetValue: sensitivityMargin, isPrimary: false },
          ],
        });
      }, { resetOnSuccess: true })}
    >
      <label>
        {t("pocAdmin.fields.title")}
        <input name="title" required maxLength={200} />
      </label>
      <label>
        {t("pocAdmin.fields.clinicalQuestion")}
        <textarea name="clinicalQuestion" required maxLength={2000} rows={2} />
      </label>
      <label>
        {t("poc.site")}
        <select name="siteId" required>
          {sites.map((site) => (
            <option key={site.id} value={site.id}>
              {site.label}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t("poc.model")}
        <select name="modelVersionId" required>
          {models.map((model) => (
            <option key={model.id} value={model.id}>
              {model.label}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t("pocAdmin.fields.readingDesign")}
        <select name="readingDesign">
          <option value="RANDOMISED">{t("pocAdmin.readingDesigns.RANDOMISED")}</option>
          <option value="CROSSOVER">{t("pocAdmin.readingDesigns.CROSSOVER")}</option>
        </select>
      </label>
      <label>
        {t("pocAdmin.fields.aiMode")}
        <select name="aiMode">
          <option value="CONCURRENT">{t("pocAdmin.aiModes.CONCURRENT")}</option>
          <option value="SECOND_READER">{t("pocAdmin.aiModes.SECOND_READER")}</option>
        </select>
      </label>
      <label>
        {t("pocAdmin.fields.aidedSharePercent")}
        <input name="aidedSharePercent" type="number" min={10} max={90} step={5} defaultValue={50} required />
      </label>
      <label>
        {t("pocAdmin.fields.washoutDays")}
        <input name="washoutDays" type="number" min={0} max={365} defaultValue={28} required />
      </label>
      <label>
        {t("modelV2.policy.label")}
        <select name="outOfIntendedUsePolicy" defaultValue="REFUSE">
          <option value="REFUSE">{t("modelV2.policy.REFUSE")}</option>
          <option value="FLAG">{t("modelV2.policy.FLAG")}</option>
        </select>
      </label>
      <label>
        {t("pocAdmin.fields.readingTimeReductionPercent")}
        <input name="readingTimeReductionPercent" type="number" min={1} max={90} step={1} defaultValue={20} required />
      </label>
      <label>
        {t("pocAdmin.fields.sensitivityMarginPoints")}
        <input name="sensitivityMarginPoints" type="number" min={0} max={20} step={0.5} defaultValue={2} required />
      </label>
      <ActionError failure={failure} />
      {done && <p role="status">{t("pocAdmin.created")}</p>}
      <button type="submit" disabled={pending}>
        {t("pocAdmin.create")}
      </button>
    </form>
  );
}
