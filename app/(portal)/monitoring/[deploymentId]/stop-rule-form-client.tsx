"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { ActionError } from "@/app/_components/action-error-client";
import { useAction } from "@/app/_components/use-action-client";
import { stopRuleKinds, type StopRuleKind } from "@/lib/monitoring/stop-rule-kinds";
import { registerStopRuleAction } from "./actions";

export function StopRuleForm({ deploymentId, dimensions }: { deploymentId: string; dimensions: string[] }) {
  const t = useTranslations("monitoring");
  const router = useRouter();
  const { failure, done, pending, submit } = useAction();
  return (
    <form
      className="stack"
      data-testid="stop-rule-form"
      onSubmit={submit(
        async (form) => {
          const result = await registerStopRuleAction({
            deploymentId,
            kind: String(form.get("kind")) as StopRuleKind,
            dimension: String(form.get("dimension") ?? "") || undefined,
            threshold: Number(form.get("threshold")),
            statement: String(form.get("statement") ?? ""),
            password: String(form.get("password") ?? ""),
          });
          if (result.ok) router.refresh();
          return result;
        },
        { resetOnSuccess: true },
      )}
    >
      <h3>{t("registerRule")}</h3>
      <div className="row-actions">
        <label>
          {t("ruleKind")}
          <select name="kind" defaultValue="INPUT_DRIFT">
            {stopRuleKinds.map((kind) => (
              <option key={kind} value={kind}>
                {t(`ruleKinds.${kind}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t("dimension")}
          <select name="dimension" defaultValue="scannerVendor">
            <option value="">—</option>
            {dimensions.map((dimension) => (
              <option key={dimension} value={dimension}>
                {dimension}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t("threshold")}
          <input name="threshold" type="number" step="any" min="0" required defaultValue="0.25" />
        </label>
      </div>
      <label>
        {t("statement")}
        <textarea name="statement" required maxLength={2000} rows={2} />
      </label>
      <label>
        {t("password")}
        <input name="password" type="password" required autoComplete="current-password" />
      </label>
      <button type="submit" disabled={pending}>
        {t("register")}
      </button>
      <ActionError failure={failure} />
      {done && <span role="status">{t("registered")}</span>}
    </form>
  );
}
