"use client";

import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { ActionError } from "@/app/_components/action-error-client";
import type { ActionFailure } from "@/lib/actions/define-action";
import { checkChainHeadAction } from "./actions";

type CheckResult = Extract<Awaited<ReturnType<typeof checkChainHeadAction>>, { ok: true }>["data"];

/** Checks a head saved earlier: pick the downloaded JSON file or paste its text. */
export function CheckChainHeadForm() {
  const t = useTranslations("audit");
  const [headJson, setHeadJson] = useState("");
  const [failure, setFailure] = useState<ActionFailure | null>(null);
  const [result, setResult] = useState<CheckResult | null>(null);
  const [pending, startTransition] = useTransition();
  return (
    <form
      className="stack form-grid"
      data-testid="check-head-form"
      onSubmit={(event) => {
        event.preventDefault();
        startTransition(async () => {
          const response = await checkChainHeadAction({ headJson });
          setFailure(response.ok ? null : response);
          setResult(response.ok ? response.data : null);
        });
      }}
    >
      <label>
        {t("headFile")}
        <input type="file" accept="application/json,.json" onChange={async (event) => setHeadJson((await event.target.files?.[0]?.text()) ?? "")} />
      </label>
      <label>
        {t("headJson")}
        <textarea value={headJson} onChange={(event) => setHeadJson(event.target.value)} rows={4} required />
      </label>
      <button type="submit" disabled={pending}>
        {t("checkHead")}
      </button>
      <ActionError failure={failure} />
      {result && (
        <p role="status" className={result.result === "matches" && !result.firstBreak ? "" : "alert error"}>
          {t(`headResults.${result.result}`, { seq: result.seq })}
          {result.firstBreak && ` ${t("chainBroken", { seq: result.firstBreak.seq, problem: t(`chainProblems.${result.firstBreak.problem}`), checked: result.rowsChecked })}`}
        </p>
      )}
    </form>
  );
}
