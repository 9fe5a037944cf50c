"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { ActionError } from "@/app/_components/action-error-client";
import { useAction } from "@/app/_components/use-action-client";
import type { PocStatus } from "@/lib/db/generated/enums";
import { approvePocAction, beginPocEvaluationAction, decidePocAction, startPocAction } from "@/lib/pocs/actions";

export type AllowedPocTransitions = { approve: boolean; start: boolean; beginEvaluation: boolean; decide: boolean };

/**
 * The lifecycle buttons a role may use for the PoC's current status. The server checks role and gate
 * again (and refuses with a translated reason), so showing a button never means the step will pass.
 */
export function PocTransitions({ pocId, status, allowed }: { pocId: string; status: PocStatus; allowed: AllowedPocTransitions }) {
  const t = useTranslations("pocAdmin");
  const tQueue = useTranslations("workQueue");
  const { failure, done, pending, run } = useAction();
  const [decision, setDecision] = useState<"SCALE" | "ITERATE" | "STOP">("ITERATE");
  const [reason, setReason] = useState("");
  return (
    <div className="stack" data-testid={`poc-transitions-${pocId}`}>
      <div className="row-actions">
        {status === "DRAFT" && allowed.approve && (
          <button type="button" disabled={pending} aria-busy={pending} onClick={() => run(() => approvePocAction({ pocId }))}>
            {t("approve")}
          </button>
        )}
        {status === "APPROVED" && allowed.start && (
          <button type="button" disabled={pending} aria-busy={pending} onClick={() => run(() => startPocAction({ pocId }))}>
            {t("start")}
          </button>
        )}
        {status === "RUNNING" && allowed.beginEvaluation && (
          <button type="button" disabled={pending} aria-busy={pending} onClick={() => run(() => beginPocEvaluationAction({ pocId }))}>
            {t("beginEvaluation")}
          </button>
        )}
      </div>
      {status === "EVALUATING" && allowed.decide && (
        <form
          className="stack form-grid"
          onSubmit={(event) => {
            event.preventDefault();
            run(() => decidePocAction({ pocId, decision, reason }));
          }}
        >
          <label>
            {t("decision")}
            <select value={decision} onChange={(event) => setDecision(event.target.value as typeof decision)}>
              {(["SCALE", "ITERATE", "STOP"] as const).map((option) => (
                <option key={option} value={option}>
                  {t(`decisions.${option}`)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t("decisionReason")}
            <textarea value={reason} onChange={(event) => setReason(event.target.value)} required maxLength={4000} rows={3} />
          </label>
          <button type="submit" disabled={pending} aria-busy={pending}>
            {t("decide")}
          </button>
        </form>
      )}
      <ActionError failure={failure} />
      {/* A refusal for an incomplete checklist leads straight to the items that block the step. */}
      {(failure?.error === "POC_PRE_START_INCOMPLETE" || failure?.error === "POC_PRE_DECISION_INCOMPLETE") && (
        <Link href={`/governance/${pocId}?filter=blocking#queue`} data-testid="show-blocking-items">
          {tQueue("showBlocking")} →
        </Link>
      )}
      {done && <p role="status">{t("transitionDone")}</p>}
    </div>
  );
}
