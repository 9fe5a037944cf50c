"use client";

import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { ActionError } from "@/app/_components/action-error-client";
import type { ActionFailure } from "@/lib/actions/define-action";
import { confirmTotpEnrolmentAction, startTotpEnrolmentAction } from "./actions";

type PendingSecret = { secretBase32: string; otpauthUri: string };

/** Start → show the secret → confirm with a code → show the recovery codes, once. */
export function TotpEnrolment() {
  const t = useTranslations("security");
  const [pendingSecret, setPendingSecret] = useState<PendingSecret | null>(null);
  const [recoveryCodes, setRecoveryCodes] = useState<string[] | null>(null);
  const [failure, setFailure] = useState<ActionFailure | null>(null);
  const [pending, startTransition] = useTransition();

  if (recoveryCodes) {
    return (
      <div className="stack">
        <p role="status" data-testid="totp-status">{t("totp.enabled")}</p>
        <h3>{t("recovery.heading")}</h3>
        <p>{t("recovery.explain", { count: recoveryCodes.length })}</p>
        <ol className="recovery-codes" data-testid="recovery-codes">
          {recoveryCodes.map((code) => (
            <li key={code}>
              <code>{code}</code>
            </li>
          ))}
        </ol>
        <p className="muted">{t("recovery.shownOnce")}</p>
      </div>
    );
  }

  if (!pendingSecret) {
    return (
      <div className="stack">
        <p>{t("totp.explain")}</p>
        <ActionError failure={failure} />
        <button
          type="button"
          disabled={pending}
          onClick={() =>
            startTransition(async () => {
              const result = await startTotpEnrolmentAction({});
              setFailure(result.ok ? null : result);
              if (result.ok) setPendingSecret(result.data);
            })
          }
        >
          {t("totp.start")}
        </button>
      </div>
    );
  }

  return (
    <form
      className="stack"
      onSubmit={(event) => {
        event.preventDefault();
        const code = String(new FormData(event.currentTarget).get("code"));
        startTransition(async () => {
          const result = await confirmTotpEnrolmentAction({ code });
          setFailure(result.ok ? null : result);
          if (result.ok) setRecoveryCodes(result.data.recoveryCodes);
        });
      }}
    >
      <p>{t("totp.scan")}</p>
      <label>
        {t("totp.uri")}
        <input readOnly value={pendingSecret.otpauthUri} data-testid="otpauth-uri" onFocus={(event) => event.currentTarget.select()} />
      </label>
      <label>
        {t("totp.secret")}
        <input readOnly value={pendingSecret.secretBase32} data-testid="totp-secret" onFocus={(event) => event.currentTarget.select()} />
      </label>
      <label>
        {t("totp.code")}
        <input name="code" inputMode="numeric" autoComplete="one-time-code" pattern="\d{6}" maxLength={6} required />
      </label>
      <ActionError failure={failure} />
      <button type="submit" disabled={pending}>
        {t("totp.confirm")}
      </button>
    </form>
  );
}
