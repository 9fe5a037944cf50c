import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { requirePagePermission } from "@/lib/auth/current-user";
import { db } from "@/lib/db/client";
import { listSites } from "@/lib/sites/manage-sites";
import { listUsers } from "@/lib/users/manage-users";
import { CreateUserForm, UserRowActions } from "./users-client";

export default async function UsersPage() {
  const admin = await requirePagePermission("user:manage");
  const t = await getTranslations();
  const format = await getFormatter();
  const locale = await getLocale();
  const [users, sites] = await Promise.all([listUsers(db()), listSites(db())]);
  const siteOptions = sites.map((site) => ({ id: site.id, label: `${site.code} · ${locale === "ja" ? site.nameJa : site.nameEn}` }));
  const siteLabel = new Map(siteOptions.map((site) => [site.id, site.label]));
  return (
    <section className="stack">
      <h1>{t("admin.users.title")}</h1>
      <table>
        <thead>
          <tr>
            <th>{t("fields.email")}</th>
            <th>{t("fields.name")}</th>
            <th>{t("fields.role")}</th>
            <th>{t("fields.siteIds")}</th>
            <th>{t("admin.users.state")}</th>
            <th>{t("security.admin.column")}</th>
            <th>{t("admin.users.lastLogin")}</th>
            <th>{t("admin.users.actions")}</th>
          </tr>
        </thead>
        <tbody>
          {users.map((user) => (
            <tr key={user.id} data-testid={`user-row-${user.email}`}>
              <td>{user.email}</td>
              <td>
                {user.name} {user.isDemo && <span className="badge">{t("app.demoBadge")}</span>}
              </td>
              <td>{t(`roles.${user.role}`)}</td>
              <td>{user.sites.map((membership) => siteLabel.get(membership.siteId)).join(", ")}</td>
              <td>
                {user.disabled
                  ? t("admin.users.disabled")
                  : user.lockedUntil && user.lockedUntil > new Date()
                    ? t("admin.users.lockedUntil", { time: format.dateTime(user.lockedUntil, { timeStyle: "short", dateStyle: "short" }) })
                    : t("admin.users.active")}
              </td>
              <td data-testid="totp-state">{user.totpEnabled ? t("security.admin.on") : t("security.admin.off")}</td>
              <td>{user.lastLoginAt ? format.dateTime(user.lastLoginAt, { dateStyle: "medium", timeStyle: "short" }) : "—"}</td>
              <td>
                {user.id !== admin.id && (
                  <UserRowActions user={{ id: user.id, role: user.role, disabled: user.disabled, totpEnabled: user.totpEnabled, siteIds: user.sites.map((m) => m.siteId) }} sites={siteOptions} />
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>{t("admin.users.create")}</h2>
      <CreateUserForm sites={siteOptions} />
    </section>
  );
}
