import Link from "next/link";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { PocTransitions } from "@/app/_components/poc-transitions-client";
import { requirePagePermission } from "@/lib/auth/current-user";
import { can } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { listActiveModelVersions } from "@/lib/models/list-models";
import { listPocsWithProgress } from "@/lib/pocs/list-pocs";
import { listSites } from "@/lib/sites/manage-sites";
import { CreatePocForm } from "./pocs-client";

export default async function PocAdminPage() {
  const admin = await requirePagePermission("poc:manage");
  const t = await getTranslations();
  const format = await getFormatter();
  const locale = await getLocale();
  const [pocs, sites, models] = await Promise.all([
    listPocsWithProgress(db(), admin),
    listSites(db()),
    listActiveModelVersions(db()),
  ]);
  const allowed = { approve: can(admin.role, "poc:approve"), start: can(admin.role, "poc:start"), beginEvaluation: can(admin.role, "poc:start"), decide: can(admin.role, "poc:decide") };
  return (
    <section className="stack">
      <h1>{t("pocAdmin.title")}</h1>
      {pocs.length === 0 ? (
        <p className="empty">{t("home.noPocs")}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th>{t("poc.title")}</th>
              <th>{t("poc.site")}</th>
              <th>{t("poc.model")}</th>
              <th>{t("poc.status")}</th>
              <th className="num">{t("poc.cases")}</th>
              <th>{t("poc.created")}</th>
              <th>{t("pocAdmin.actions")}</th>
            </tr>
          </thead>
          <tbody>
            {pocs.map((poc) => (
              <tr key={poc.id} data-testid={`poc-row-${poc.id}`}>
                <td>
                  <Link href={`/governance/${poc.id}`}>{poc.title}</Link> {poc.isDemo && <span className="badge">{t("app.demoBadge")}</span>}
                </td>
                <td>{locale === "ja" ? poc.site.nameJa : poc.site.nameEn}</td>
                <td>
                  {poc.modelVersion.name} {poc.modelVersion.version}
                </td>
                <td>
                  <span className={`status status-${poc.status.toLowerCase()}`} data-testid="poc-status">
                    {t(`pocStatus.${poc.status}`)}
                  </span>
                </td>
                <td className="num">{format.number(poc._count.cases)}</td>
                <td>{format.dateTime(poc.createdAt, { dateStyle: "medium" })}</td>
                <td>
                  <PocTransitions pocId={poc.id} status={poc.status} allowed={allowed} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h2>{t("pocAdmin.create")}</h2>
      {models.length === 0 ? (
        <p className="empty">{t("pocAdmin.noModels")}</p>
      ) : (
        <CreatePocForm
          sites={sites.map((site) => ({ id: site.id, label: `${site.code} · ${locale === "ja" ? site.nameJa : site.nameEn}` }))}
          models={models.map((model) => ({ id: model.id, label: `${model.name} ${model.version}` }))}
        />
      )}
    </section>
  );
}
