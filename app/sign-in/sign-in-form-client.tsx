"use client";

import { useTranslations } from "next-intl";
import { signIn as startSso } from "next-auth/react";
import { useState, useTransition } from "react";
import { ActionError } from "@/app/_components/action-error-client";
import type { ActionFailure } from "@/lib/actions/define-action";
import { signInWithPasswordAction } from "./actions";

export function SignInForm({ ssoName }: { ssoName: string | null }) {
  const t = useTranslations("signIn");
  const tSecurity = useTranslations("security.signIn");
  const [failure, setFailure] = useState<ActionFailure | null>(null);
  // Set once the server answered SECOND_FACTOR_REQUIRED: the e-mail and password are sent again with the code.
  const [askForCode, setAskForCode] = useState(false);
  const [pending, startTransition] = useTransition();
  return (
    <>
      <form
        className="stack"
        onSubmit={(event) => {
          event.preventDefault();
          const form = new FormData(event.currentTarget);
          const otp = String(form.get("otp") ?? "").trim();
          startTransition(async () => {
            const result = await signInWithPasswordAction({ email: String(form.get("email")), password: String(form.get("password")), ...(otp ? { otp } : {}) });
            if (result?.error === "SECOND_FACTOR_REQUIRED") setAskForCode(true);
            setFailure(result && result.error !== "SECOND_FACTOR_REQUIRED" ? result : null);
          });
        }}
      >
        <label hidden={askForCode}>
          {t("email")}
          <input name="email" type="email" autoComplete="username" required readOnly={askForCode} />
        </label>
        <label hidden={askForCode}>
          {t("password")}
          <input name="password" type="password" autoComplete="current-password" required readOnly={askForCode} />
        </label>
        {askForCode && (
          <fieldset className="stack">
            <legend>{tSecurity("codePrompt")}</legend>
            <label>
              {tSecurity("code")}
              <input name="otp" autoComplete="one-time-code" autoFocus required maxLength={32} />
            </label>
          </fieldset>
        )}
        <ActionError failure={failure} />
        <button type="submit" disabled={pending}>
          {pending ? t("submitting") : t("submit")}
        </button>
        {askForCode && (
          <button type="button" className="link" onClick={() => window.location.reload()}>
            {tSecurity("back")}
          </button>
        )}
      </form>
      {ssoName && (
        <button type="button" className="secondary" onClick={() => startSso("oidc", { redirectTo: "/" })}>
          {t("sso", { name: ssoName })}
        </button>
      )}
    </>
  );
}
