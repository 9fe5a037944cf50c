"use client";

import { useTranslations } from "next-intl";
import { signIn as startSso } from "next-auth/react";
import { useState, useTransition } from "react";
import { ActionError } from "@/app/_components/action-error-client";
import type { ActionFailure } from "@/lib/actions/define-action";
import { signInWithPasswordAction } from "./actions";

export function SignInForm({ ssoName }: { ssoName: string | null }) {
  const t = useTranslations("signIn");
  const [failure, setFailure] = useState<ActionFailure | null>(null);
  const [pending, startTransition] = useTransition();
  return (
    <>
      <form
        className="stack"
        onSubmit={(event) => {
          event.preventDefault();
          const form = new FormData(event.currentTarget);
          startTransition(async () => {
            const result = await signInWithPasswordAction({ email: String(form.get("email")), password: String(form.get("password")) });
            setFailure(result ?? null);
          });
        }}
      >
        <label>
          {t("email")}
          <input name="email" type="email" autoComplete="username" required />
        </label>
        <label>
          {t("password")}
          <input name="password" type="password" autoComplete="current-password" required />
        </label>
        <ActionError failure={failure} />
        <button type="submit" disabled={pending}>
          {pending ? t("submitting") : t("submit")}
        </button>
      </form>
      {ssoName && (
        <button type="button" className="secondary" onClick={() => startSso("oidc", { redirectTo: "/" })}>
          {t("sso", { name: ssoName })}
        </button>
      )}
    </>
  );
}
