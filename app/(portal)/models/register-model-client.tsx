"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { ActionError } from "@/app/_components/action-error-client";
import type { ActionFailure } from "@/lib/actions/define-action";

export function RegisterModelForm() {
  const t = useTranslations("models");
  const router = useRouter();
  const [failure, setFailure] = useState<ActionFailure | null>(null);
  const [pending, setPending] = useState(false);
  return (
    <form
      className="stack form-grid"
      onSubmit={async (event) => {
        event.preventDefault();
        setPending(true);
        try {
          const response = await fetch("/api/models", { method: "POST", body: new FormData(event.currentTarget) });
          const answer = (await response.json()) as { ok: true; model: { id: string } } | ActionFailure;
          if (answer.ok) router.push(`/models/${answer.model.id}`);
          else setFailure(answer);
        } catch {
          setFailure({ ok: false, error: "INTERNAL" });
        } finally {
          setPending(false);
        }
      }}
    >
      <label>
        {t("onnxFile")}
        <input type="file" name="onnx" accept=".onnx" required />
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
