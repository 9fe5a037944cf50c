"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { ActionError } from "@/app/_components/action-error-client";
import { ConfirmButton } from "@/app/_components/confirm-button-client";
import { useAction } from "@/app/_components/use-action-client";
import { deleteModelVersionAction, retireModelVersionAction } from "../actions";

export function DeleteModelButton({ modelVersionId }: { modelVersionId: string }) {
  const t = useTranslations("models");
  const tConfirm = useTranslations("confirmations");
  const router = useRouter();
  const { failure, pending, run } = useAction();
  return (
    <div className="stack">
      <ConfirmButton
        label={t("delete")}
        question={tConfirm("deleteModel")}
        confirmLabel={tConfirm("deleteModelConfirm")}
        pending={pending}
        onConfirm={() => run(() => deleteModelVersionAction({ modelVersionId }), () => router.push("/models"))}
      />
      <ActionError failure={failure} />
    </div>
  );
}

/** Retiring keeps a version with the PoCs and results that used it but offers it to no new PoC. */
export function RetireModelButton({ modelVersionId }: { modelVersionId: string }) {
  const t = useTranslations("confirmations");
  const router = useRouter();
  const { failure, pending, run } = useAction();
  return (
    <div className="stack">
      <ConfirmButton label={t("retireModel")} question={t("retireModelQuestion")} confirmLabel={t("retireModelConfirm")} pending={pending} onConfirm={() => run(() => retireModelVersionAction({ modelVersionId }), () => router.refresh())} />
      <ActionError failure={failure} />
    </div>
  );
}
