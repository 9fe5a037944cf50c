"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { ActionError } from "@/app/_components/action-error-client";
import { useAction } from "@/app/_components/use-action-client";
import { setPeriodLengthAction } from "./actions";

/** Weekly or monthly periods, offered only before the first observation arrives. */
export function PeriodLengthForm({ deploymentId, periodLength }: { deploymentId: string; periodLength: "WEEK" | "MONTH" }) {
  const t = useTranslations("monitoring");
  const router = useRouter();
  const { failure, pending, submit } = useAction();
  return (
    <form
      className="row-actions"
      data-testid="period-length-form"
      onSubmit={submit(async (form) => {
        const result = await setPeriodLengthAction({ deploymentId, periodLength: String(form.get("periodLength")) === "WEEK" ? "WEEK" : "MONTH" });
        if (result.ok) router.refresh();
        return result;
      })}
    >
      <label>
        {t("periodLength")}
        <select name="periodLength" defaultValue={periodLength}>
          <option value="MONTH">{t("periods.MONTH")}</option>
          <option value="WEEK">{t("periods.WEEK")}</option>
        </select>
      </label>
      <button type="submit" className="secondary" disabled={pending}>
        {t("setPeriodLength")}
      </button>
      <ActionError failure={failure} />
    </form>
  );
}
