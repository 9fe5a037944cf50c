"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { ActionError } from "@/app/_components/action-error-client";
import { useAction } from "@/app/_components/use-action-client";
import { saveSiteIntegrationAction } from "./actions";

type Current = { dicomWebUrl: string; dicomWebUsername: string; dicomWebPasswordSet: boolean; fhirUrl: string; fhirAuth: "none" | "bearer" | "basic"; fhirUsername: string; fhirSecretSet: boolean; labWindowHours: number };

export function SiteIntegrationForm({ siteId, current }: { siteId: string; current: Current }) {
  const t = useTranslations("pacs.integration");
  const { failure, done, pending, submit } = useAction();
  const [fhirAuth, setFhirAuth] = useState(current.fhirAuth);
  return (
    <form
      className="stack form-grid"
      onSubmit={submit((form) =>
        saveSiteIntegrationAction({
          siteId,
          dicomWebUrl: String(form.get("dicomWebUrl") ?? ""),
          dicomWebUsername: String(form.get("dicomWebUsername") ?? ""),
          dicomWebPassword: String(form.get("dicomWebPassword") ?? ""),
          fhirUrl: String(form.get("fhirUrl") ?? ""),
          fhirAuth,
          fhirUsername: String(form.get("fhirUsername") ?? ""),
          fhirSecret: String(form.get("fhirSecret") ?? ""),
          labWindowHours: Number(form.get("labWindowHours")),
        }),
      )}
    >
      <h2>{t("pacsHeading")}</h2>
      <label>
        {t("dicomWebUrl")}
        <input name="dicomWebUrl" type="url" defaultValue={current.dicomWebUrl} placeholder="https://pacs.example-hospital.jp/dicom-web" />
      </label>
      <label>
        {t("username")}
        <input name="dicomWebUsername" defaultValue={current.dicomWebUsername} autoComplete="off" />
      </label>
      <label>
        {t("password")}
        <input name="dicomWebPassword" type="password" autoComplete="new-password" />
        <small>{current.dicomWebPasswordSet ? t("secretSet") : t("secretUnset")}</small>
      </label>
      <h2>{t("ehrHeading")}</h2>
      <label>
        {t("fhirUrl")}
        <input name="fhirUrl" type="url" defaultValue={current.fhirUrl} placeholder="https://ehr.example-hospital.jp/fhir/R4" />
      </label>
      <label>
        {t("fhirAuth")}
        <select name="fhirAuth" value={fhirAuth} onChange={(event) => setFhirAuth(event.target.value as Current["fhirAuth"])}>
          <option value="none">{t("fhirAuthNone")}</option>
          <option value="bearer">{t("fhirAuthBearer")}</option>
          <option value="basic">{t("fhirAuthBasic")}</option>
        </select>
      </label>
      {fhirAuth === "basic" && (
        <label>
          {t("username")}
          <input name="fhirUsername" defaultValue={current.fhirUsername} autoComplete="off" />
        </label>
      )}
      {fhirAuth !== "none" && (
        <label>
          {t("fhirSecret")}
          <input name="fhirSecret" type="password" autoComplete="new-password" />
          <small>{current.fhirSecretSet ? t("secretSet") : t("secretUnset")}</small>
        </label>
      )}
      <label>
        {t("labWindowHours")}
        <input name="labWindowHours" type="number" min={1} max={720} defaultValue={current.labWindowHours} required />
      </label>
      <ActionError failure={failure} />
      {done && <p role="status">{t("saved")}</p>}
      <button type="submit" disabled={pending}>
        {t("save")}
      </button>
    </form>
  );
}
