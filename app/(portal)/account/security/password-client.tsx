"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { ActionError } from "@/app/_components/action-error-client";
import { useAction } from "@/app/_components/use-action-client";
import { changePasswordAction } from "./actions";

/** Current password, the new one twice; on success the other sessions are gone from the list. */
export function ChangePasswordForm() {
  const t = useTranslations("security.password");
  const router = useRouter();
  const { failure, done, pending, run } = useAction();
  const [mismatch, setMismatch] = useState(false);
  return (
    <form
      className="stack"
      data-testid="change-password"
      onSubmit={(event) => {
        event.preventDefault();
        const element = event.currentTarget;
        const form = new FormData(element);
        const differ = form.get("newPassword") !== form.get("confirmPassword");
        setMismatch(differ);
        if (differ) return;
        run(
          () => changePasswordAction({ currentPassword: String(form.get("currentPassword")), newPassword: String(form.get("newPassword")) }),
          () => {
            element.reset();
            router.refresh();
          },
        );
      }}
    >
      <p className="muted">{t("rules")}</p>
      <label>
        {t("current")}
        <input name="currentPassword" type="password" autoComplete="current-password" required maxLength={200} />
      </label>
      <label>
        {t("new")}
        <input name="newPassword" type="password" autoComplete="new-password" required minLength={12} maxLength={200} />
      </label>
      <label>
        {t("confirm")}
        <input name="confirmPassword" type="password" autoComplete="new-password" required minLength={12} maxLength={200} />
      </label>
      {mismatch && (
        <p role="alert" className="alert error">
          {t("mismatch")}
        </p>
      )}
      <ActionError failure={failure} />
      {done && !pending && <p role="status">{t("changed")}</p>}
      <button type="submit" disabled={pending}>
        {pending ? t("submitting") : t("submit")}
      </button>
    </form>
  );
}
