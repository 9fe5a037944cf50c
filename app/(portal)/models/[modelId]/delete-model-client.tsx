"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { ActionError } from "@/app/_components/action-error-client";
import { useAction } from "@/app/_components/use-action-client";
import { deleteModelVersionAction } from "../actions";

export function DeleteModelButton({ modelVersionId }: { modelVersionId: string }) {
  const t = useTranslations("models");
  const router = useRouter();
  const { failure, pending, run } = useAction();
  return (
    <div className="stack">
      <button type="button" className="secondary" disabled={pending} onClick={() => run(() => deleteModelVersionAction({ modelVersionId }), () => router.push("/models"))}>
        {t("delete")}
      </button>
      <ActionError failure={failure} />
    </div>
  );
}
