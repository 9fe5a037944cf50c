import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { requirePagePermission } from "@/lib/auth/current-user";
import { db } from "@/lib/db/client";
import { listSites } from "@/lib/sites/manage-sites";
import { CreateSiteForm } from "./sites-client";

export default async function SitesPage() {
  await requirePagePermission("site:manage");
  const t = await getTranslations();
  const format = await getFormatter();
  const sites = await listSites(db());
  return (
    <section className="stack">
      <h1>{t("admin.sites.title")}</h1>
      <table>
        <thead>
          <tr>
            <th>{t("fields.code")}</th>
            <th>{t("fields.nameJa")}</th>
            <th>{t("fields.nameEn")}</th>
            <th>{t("fields.department")}</th>
            <th className="num">{t("admin.sites.members")}</th>
            <th className="num">{t("admin.sites.pocs")}</th>
            <th>{t("pacs.integration.link")}</th>
          </tr>
        </thead>
        <tbody>
          {sites.map((site) => (
            <tr key={site.id}>
              <td>
                {site.code} {site.isDemo && <span className="badge">{t("app.demoBadge")}</span>}
              </td>
              <td>{site.nameJa}</td>
              <td>{site.nameEn}</td>
              <td>{site.department ?? "—"}</td>
              <td className="num">{format.number(site._count.memberships)}</td>
              <td className="num">{format.number(site._count.pocs)}</td>
              <td>
                <Link href={`/admin/sites/${site.id}/integration`}>{t("pacs.integration.link")}</Link>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>{t("admin.sites.create")}</h2>
      <CreateSiteForm />
    </section>
  );
}
