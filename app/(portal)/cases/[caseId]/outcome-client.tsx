"use client";

import { useTranslations } from "next-intl";
import { ActionError } from "@/app/_components/action-error-client";
import { useAction } from "@/app/_components/use-action-client";
import { referenceSources } from "@/lib/outcomes/schema";
import { recordOutcomeAction } from "../actions";

type Outcome = {
  referencePresent: boolean;
  referenceSource: string;
  repeatExamOrdered: boolean;
  repeatExamAvoidable: boolean | null;
  timeToTreatmentHours: number | null;
  readmitted30d: boolean | null;
  complication: boolean | null;
  patientSatisfaction: number | null;
} | null;

const triState = (value: FormDataEntryValue | null) => (value === "yes" ? true : value === "no" ? false : null);
const numberOrNull = (value: FormDataEntryValue | null) => (value === null || String(value).trim() === "" ? null : Number(value));

export function OutcomeForm({ caseId, outcome }: { caseId: string; outcome: Outcome }) {
  const t = useTranslations("cases");
  const tForm = useTranslations("outcomeForm");
  const { failure, done, pending, submit } = useAction();
  // Nothing is pre-selected: a required answer starts empty and the browser refuses to send it so.
  const yesNo = (name: string, value: boolean | null | undefined, optional = true) => (
    <select name={name} defaultValue={value === true ? "yes" : value === false ? "no" : ""} required={!optional}>
      {optional ? <option value="">{tForm("notKnown")}</option> : <option value="" disabled>{tForm("choose")}</option>}
      <option value="yes">{t("yes")}</option>
      <option value="no">{t("no")}</option>
    </select>
  );
  return (
    <form
      className="stack"
      onSubmit={submit((form) => recordOutcomeAction({
        caseId,
        referencePresent: form.get("referencePresent") === "yes",
        referenceSource: String(form.get("referenceSource")) as (typeof referenceSources)[number],
        repeatExamOrdered: form.get("repeatExamOrdered") === "yes",
        repeatExamAvoidable: triState(form.get("repeatExamAvoidable")),
        timeToTreatmentHours: numberOrNull(form.get("timeToTreatmentHours")),
        readmitted30d: triState(form.get("readmitted30d")),
        complication: triState(form.get("complication")),
        patientSatisfaction: numberOrNull(form.get("patientSatisfaction")),
      }))}
    >
      <label>
        {t("referencePresent")}
        {yesNo("referencePresent", outcome?.referencePresent, false)}
      </label>
      <label>
        {t("referenceSource")}
        <select name="referenceSource" defaultValue={outcome?.referenceSource ?? ""} required>
          <option value="" disabled>
            {tForm("choose")}
          </option>
          {referenceSources.map((source) => (
            <option key={source} value={source}>
              {t(`sources.${source}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t("repeatExamOrdered")}
        {yesNo("repeatExamOrdered", outcome?.repeatExamOrdered, false)}
      </label>
      <label>
        {t("repeatExamAvoidable")}
        {yesNo("repeatExamAvoidable", outcome?.repeatExamAvoidable)}
      </label>
      <label>
        {t("timeToTreatmentHours")}
        <input name="timeToTreatmentHours" type="number" min={0} step="any" defaultValue={outcome?.timeToTreatmentHours ?? ""} />
      </label>
      <label>
        {t("readmitted30d")}
        {yesNo("readmitted30d", outcome?.readmitted30d)}
      </label>
      <label>
        {t("complication")}
        {yesNo("complication", outcome?.complication)}
      </label>
      <label>
        {t("patientSatisfaction")}
        <select name="patientSatisfaction" defaultValue={outcome?.patientSatisfaction ?? ""}>
          <option value="">{tForm("notKnown")}</option>
          {[1, 2, 3, 4, 5].map((score) => (
            <option key={score} value={score}>
              {score}
            </option>
          ))}
        </select>
      </label>
      <ActionError failure={failure} />
      {done && <p role="status">{t("outcomeSaved")}</p>}
      <button type="submit" disabled={pending} aria-busy={pending}>
        {t("saveOutcome")}
      </button>
    </form>
  );
}
