import Link from "next/link";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { requirePagePermission, type CurrentUser } from "@/lib/auth/current-user";
import { navigationFor } from "@/lib/auth/navigation";
import { can } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { listPocsWithProgress } from "@/lib/pocs/list-pocs";
import { countPortalRecords } from "@/lib/users/count-portal-records";
import { MonitoringAlerts } from "./monitoring-alerts";

export default async function HomePage() {
  const user = await requirePagePermission("home:view");
  const t = await getTranslations("home");
  return (
    <section className="stack">
      <h1 data-testid="role-home">{t(`${user.role}.title`)}</h1>
      <p className="muted">{t(`${user.role}.intro`)}</p>
      <MonitoringAlerts user={user} />
      <PocOverview user={user} />
      {user.role === "ADMIN" && <AdminCounts />}
    </section>
  );
}

async function PocOverview({ user }: { user: CurrentUser }) {
  const t = await getTranslations();
  const format = await getFormatter();
  const locale = await getLocale();
  const pocs = await listPocsWithProgress(db(), user);
  if (pocs.length === 0) return <p className="empty">{t("home.noPocs")}</p>;
  // Each row opens what the role works on for that PoC.
  const pocHref = can(user.role, "kpi:view") ? (id: string) => `/dashboard/${id}` : can(user.role, "governance:view") ? (id: string) => `/governance/${id}` : can(user.role, "case:submit") ? (id: string) => `/cases?pocId=${id}` : null;
  return (
    <div className="table-wrap">
    <table>
      <caption>{t("home.pocsCaption")}</caption>
      <thead>
        <tr>
          <th>{t("poc.title")}</th>
          <th>{t("poc.site")}</th>
          <th>{t("poc.model")}</th>
          <th>{t("poc.status")}</th>
          <th className="num">{t("poc.cases")}</th>
          <th>{t("poc.created")}</th>
        </tr>
      </thead>
      <tbody>
        {pocs.map((poc) => (
          <tr key={poc.id}>
            <td>
              {pocHref ? <Link href={pocHref(poc.id)}>{poc.title}</Link> : poc.title} {poc.isDemo && <span className="badge">{t("app.demoBadge")}</span>}
            </td>
            <td>{locale === "ja" ? poc.site.nameJa : poc.site.nameEn}</td>
            <td>
              {poc.modelVersion.name} {poc.modelVersion.version}
            </td>
            <td>
              <span className={`status status-${poc.status.toLowerCase()}`}>{t(`pocStatus.${poc.status}`)}</span>
            </td>
            <td className="num">{format.number(poc._count.cases)}</td>
            <td>{format.dateTime(poc.createdAt, { dateStyle: "medium" })}</td>
          </tr>
        ))}
      </tbody>
    </table>
    </div>
  );
}

async function AdminCounts() {
  const t = await getTranslations();
  const format = await getFormatter();
  const { users, sites, models } = await countPortalRecords(db());
  const links = navigationFor("ADMIN").filter((item) => item.href !== "/");
  return (
    <div className="cards">
      <div className="card">
        <span className="metric">{format.number(users)}</span> {t("home.ADMIN.users")}
      </div>
      <div className="card">
        <span className="metric">{format.number(sites)}</span> {t("home.ADMIN.sites")}
      </div>
      <div className="card">
        <span className="metric">{format.number(models)}</span> {t("home.ADMIN.models")}
      </div>
      {links.map((item) => (
        <Link key={item.href} className="card link-card" href={item.href}>
          {t(`nav.${item.labelKey}`)} →
        </Link>
      ))}
    </div>
  );
}
