"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { ActionError } from "@/app/_components/action-error-client";
import { postForm } from "@/app/_components/post-form";
import type { ActionFailure } from "@/lib/actions/define-action";

export function RegisterModelForm() {
  const t = useTranslations("models");
  const tV2 = useTranslations("modelCard.page");
  const router = useRouter();
  const [failure, setFailure] = useState<ActionFailure | null>(null);
  const [pending, setPending] = useState(false);
  return (
    <form
      className="stack form-grid"
      onSubmit={async (event) => {
        event.preventDefault();
        setPending(true);
        const answer = await postForm<{ model: { id: string } }>("/api/models", new FormData(event.currentTarget));
        setPending(false);
        if (answer.ok) router.push(`/models/${answer.model.id}`);
        else setFailure(answer);
      }}
    >
      <label>
        {t("onnxFile")}
        <input type="file" name="onnx" accept=".onnx" required />
      </label>
      <label>
        {tV2("encodersFile")}
        <input type="file" name="encoders" accept=".onnx" />
      </label>
      <label>
        {t("manifestFile")}
        <input type="file" name="manifest" accept=".json,application/json" required />
      </label>
      <ActionError failure={failure} />
      <button type="submit" disabled={pending}>
        {pending ? t("checking") : t("register")}
      </button>
    </form>
  );
}
