"use client";

import { useTranslations } from "next-intl";
import { ActionError } from "@/app/_components/action-error-client";
import { useAction } from "@/app/_components/use-action-client";
import { createSiteAction } from "./actions";

export function CreateSiteForm() {
  const t = useTranslations();
  const { failure, pending, submit } = useAction();
  return (
    <form
      className="stack form-grid"
      onSubmit={submit((form) => createSiteAction({
        code: String(form.get("code")),
        nameJa: String(form.get("nameJa")),
        nameEn: String(form.get("nameEn")),
        department: String(form.get("department") ?? ""),
      }), { resetOnSuccess: true })}
    >
      <label>
        {t("fields.code")}
        <input name="code" required pattern="[A-Za-z0-9-]{2,20}" />
      </label>
      <label>
        {t("fields.nameJa")}
        <input name="nameJa" required />
      </label>
      <label>
        {t("fields.nameEn")}
        <input name="nameEn" required />
      </label>
      <label>
        {t("fields.department")}
        <input name="department" />
      </label>
      <ActionError failure={failure} />
      <button type="submit" disabled={pending}>
        {t("admin.sites.create")}
      </button>
    </form>
  );
}
