"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { ActionError } from "@/app/_components/action-error-client";
import { useAction } from "@/app/_components/use-action-client";
import { roles } from "@/lib/auth/permissions";
import { createUserAction, resetPasswordAction, resetUserTotpAction, setUserDisabledAction, updateUserAccessAction } from "./actions";

type SiteOption = { id: string; label: string };

export function CreateUserForm({ sites }: { sites: SiteOption[] }) {
  const t = useTranslations();
  const { failure, done, pending, submit } = useAction();
  return (
    <form
      className="stack form-grid"
      onSubmit={submit((form) => createUserAction({
        email: String(form.get("email")),
        name: String(form.get("name")),
        role: String(form.get("role")) as (typeof roles)[number],
        siteIds: form.getAll("siteIds").map(String),
        locale: String(form.get("locale")) as "ja" | "en",
        password: String(form.get("password")),
      }), { resetOnSuccess: true })}
    >
      <label>
        {t("fields.email")}
        <input name="email" type="email" required />
      </label>
      <label>
        {t("fields.name")}
        <input name="name" required />
      </label>
      <label>
        {t("fields.role")}
        <select name="role">
          {roles.map((role) => (
            <option key={role} value={role}>
              {t(`roles.${role}`)}
            </option>
          ))}
        </select>
      </label>
      <fieldset>
        <legend>{t("fields.siteIds")}</legend>
        {sites.map((site) => (
          <label key={site.id} className="inline">
            <input type="checkbox" name="siteIds" value={site.id} /> {site.label}
          </label>
        ))}
      </fieldset>
      <label>
        {t("fields.locale")}
        <select name="locale">
          <option value="ja">日本語</option>
          <option value="en">English</option>
        </select>
      </label>
      <label>
        {t("fields.password")}
        <input name="password" type="password" autoComplete="new-password" required minLength={12} />
        <small className="muted">{t("admin.users.passwordHint")}</small>
      </label>
      <ActionError failure={failure} />
      {done && <p role="status">{t("admin.users.created")}</p>}
      <button type="submit" disabled={pending}>
        {t("admin.users.create")}
      </button>
    </form>
  );
}

export function UserRowActions({ user, sites }: { user: { id: string; role: string; disabled: boolean; totpEnabled: boolean; siteIds: string[] }; sites: SiteOption[] }) {
  const t = useTranslations();
  const { failure, done, pending, run, submit } = useAction();
  const [open, setOpen] = useState(false);
  return (
    <div className="row-actions">
      <button type="button" className="secondary" disabled={pending} onClick={() => run(() => setUserDisabledAction({ userId: user.id, disabled: !user.disabled }))}>
        {user.disabled ? t("admin.users.enable") : t("admin.users.disable")}
      </button>
      <button type="button" className="secondary" onClick={() => setOpen(!open)}>
        {t("admin.users.edit")}
      </button>
      {user.totpEnabled && (
        <button type="button" className="secondary" disabled={pending} onClick={() => run(() => resetUserTotpAction({ userId: user.id }))}>
          {t("security.admin.reset")}
        </button>
      )}
      {open && (
        <div className="stack popover">
          <form
            className="stack"
            onSubmit={submit((form) => updateUserAccessAction({ userId: user.id, role: String(form.get("role")) as (typeof roles)[number], siteIds: form.getAll("siteIds").map(String) }))}
          >
            <select name="role" defaultValue={user.role} aria-label={t("fields.role")}>
              {roles.map((role) => (
                <option key={role} value={role}>
                  {t(`roles.${role}`)}
                </option>
              ))}
            </select>
            {sites.map((site) => (
              <label key={site.id} className="inline">
                <input type="checkbox" name="siteIds" value={site.id} defaultChecked={user.siteIds.includes(site.id)} /> {site.label}
              </label>
            ))}
            <button type="submit" disabled={pending}>
              {t("admin.users.saveAccess")}
            </button>
          </form>
          <form
            className="stack"
            onSubmit={submit((form) => resetPasswordAction({ userId: user.id, password: String(form.get("password")) }), { resetOnSuccess: true })}
          >
            <input name="password" type="password" autoComplete="new-password" placeholder={t("admin.users.newPassword")} aria-label={t("admin.users.newPassword")} required minLength={12} />
            <button type="submit" disabled={pending}>
              {t("admin.users.resetPassword")}
            </button>
          </form>
        </div>
      )}
      <ActionError failure={failure} />
      {done && <span role="status">{t("admin.users.saved")}</span>}
    </div>
  );
}
