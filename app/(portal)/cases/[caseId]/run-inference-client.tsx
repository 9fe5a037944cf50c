"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { ActionError } from "@/app/_components/action-error-client";
import { useAction } from "@/app/_components/use-action-client";
import { runCaseInferenceAction } from "../actions";

export function RunInferenceButton({ caseId }: { caseId: string }) {
  const t = useTranslations("cases");
  const router = useRouter();
  const { failure, pending, run } = useAction();
  return (
    <div className="stack">
      <button type="button" className="secondary" disabled={pending} onClick={() => run(() => runCaseInferenceAction({ caseId }), () => router.refresh())}>
        {pending ? t("working") : t("runInference")}
      </button>
      <ActionError failure={failure} />
    </div>
  );
}
