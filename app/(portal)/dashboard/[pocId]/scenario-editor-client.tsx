"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { ActionError } from "@/app/_components/action-error-client";
import { useAction } from "@/app/_components/use-action-client";
import type { RoiInputs } from "@/lib/roi/schema";
import { updateRoiScenarioAction } from "./actions";

type ScenarioProps = { id: string; kind: "CONSERVATIVE" | "BASE" | "OPTIMISTIC" | "CUSTOM"; inputs: RoiInputs; /** `when` is already formatted on the server, in the user's locale and the portal's time zone. */
  history: { when: string; who: string; note: string | null; changed: string[] }[] };

const numberFields = ["annualCaseVolume", "readerCostPerHourJpy", "repeatExamUnitCostJpy", "missedDiagnosisCostJpy", "licencePerYearJpy", "gpuHostPerYearJpy", "integrationOneOffJpy", "trainingOneOffJpy", "governancePerYearJpy", "horizonYears", "discountRate"] as const;

// Yen amounts and case volumes are shown with thousands separators (12,000,000); typing them is optional.
const groupedFields = new Set<string>(["annualCaseVolume", "readerCostPerHourJpy", "repeatExamUnitCostJpy", "missedDiagnosisCostJpy", "licencePerYearJpy", "gpuHostPerYearJpy", "integrationOneOffJpy", "trainingOneOffJpy", "governancePerYearJpy"]);
const ungroup = (text: string) => text.replace(/[,，\s]/g, "");
function grouped(field: string, text: string): string {
  const number = Number(ungroup(text));
  return groupedFields.has(field) && ungroup(text) !== "" && Number.isFinite(number) ? new Intl.NumberFormat("en-US", { maximumFractionDigits: 6 }).format(number) : text;
}

function toForm(inputs: RoiInputs): Record<string, string> {
  const form: Record<string, string> = { adoptionRamp: inputs.adoptionRamp.join(", "), kpiBasis: inputs.kpiBasis };
  for (const field of numberFields) form[field] = inputs[field] === null ? "" : grouped(field, String(inputs[field]));
  return form;
}

/** Parses the form into the schema's shape; the server validates it again with the zod schema. */
function fromForm(form: Record<string, string>) {
  const inputs: Record<string, unknown> = { kpiBasis: form.kpiBasis, adoptionRamp: form.adoptionRamp!.split(/[,、\s]+/).filter(Boolean).map(Number) };
  for (const field of numberFields) inputs[field] = form[field]!.trim() === "" ? (field === "missedDiagnosisCostJpy" ? null : Number.NaN) : Number(ungroup(form[field]!));
  return inputs as RoiInputs;
}

export function ScenarioEditor({ scenario }: { scenario: ScenarioProps }) {
  const t = useTranslations("dashboard.roi");
  const router = useRouter();
  const [form, setForm] = useState(() => toForm(scenario.inputs));
  const [note, setNote] = useState("");
  const { failure, done, pending, run } = useAction();
  const label = t(`kind.${scenario.kind}`);
  return (
    <details className="panel" data-testid={`scenario-editor-${scenario.kind}`}>
      <summary>
        {t("edit")}: {label}
      </summary>
      <form
        className="scenario-form"
        onSubmit={(event) => {
          event.preventDefault();
          run(() => updateRoiScenarioAction({ scenarioId: scenario.id, inputs: { ...fromForm(form), ...(scenario.inputs.assumedBenefits ? { assumedBenefits: scenario.inputs.assumedBenefits } : {}) }, note: note || undefined }), () => router.refresh());
        }}
      >
        {numberFields.map((field) => (
          <label key={field}>
            {t(`inputs.${field}`)}
            <input
              name={field}
              inputMode="decimal"
              value={form[field]}
              onChange={(event) => setForm({ ...form, [field]: event.target.value })}
              onBlur={(event) => setForm({ ...form, [field]: grouped(field, event.target.value) })}
            />
          </label>
        ))}
        <label>
          {t("inputs.adoptionRamp")}
          <input name="adoptionRamp" value={form.adoptionRamp} onChange={(event) => setForm({ ...form, adoptionRamp: event.target.value })} />
        </label>
        <label>
          {t("inputs.kpiBasis")}
          <select name="kpiBasis" value={form.kpiBasis} onChange={(event) => setForm({ ...form, kpiBasis: event.target.value })}>
            {(["lower", "estimate", "upper"] as const).map((basis) => (
              <option key={basis} value={basis}>
                {t(`kpiBasisOptions.${basis}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t("note")}
          <input name="note" value={note} maxLength={500} onChange={(event) => setNote(event.target.value)} />
        </label>
        <button type="submit" disabled={pending}>
          {t("save")}
        </button>
        {done && <p role="status">{t("saved")}</p>}
        <ActionError failure={failure} />
      </form>
      <h4>{t("history")}</h4>
      <ul className="history">
        {scenario.history.map((entry, index) => (
          <li key={index}>
            {t("historyEntry", { when: entry.when, who: entry.who })}
            {entry.changed.length > 0 && `: ${entry.changed.map((key) => (t.has(`inputs.${key}`) ? t(`inputs.${key}`) : key)).join(", ")}`}
            {entry.note ? ` — ${entry.note}` : ""}
          </li>
        ))}
      </ul>
    </details>
  );
}
