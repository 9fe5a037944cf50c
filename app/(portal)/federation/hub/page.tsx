import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { requirePagePermission } from "@/lib/auth/current-user";
import { can } from "@/lib/auth/permissions";
import { serverEnv } from "@/lib/config/env";
import { db } from "@/lib/db/client";
import { listFederatedSites, listFederatedStudies } from "@/lib/federation/get-federated-pool";
import { BundleForm, RegisterSiteForm } from "./hub-forms-client";

export default async function FederationHubPage() {
  const user = await requirePagePermission("federation:view");
  const t = await getTranslations("federation");
  const format = await getFormatter();
  if (!serverEnv().FEDERATION_HUB) return <p className="empty">{t("hubDisabled")}</p>;
  const [sites, studies] = await Promise.all([listFederatedSites(db()), listFederatedStudies(db())]);
  const manages = can(user.role, "federation:hub");
  return (
    <section className="stack">
      <p>
        <Link href="/federation">← {t("title")}</Link>
      </p>
      <h1>{t("hub")}</h1>
      <h2>{t("studies")}</h2>
      <table data-testid="studies">
        <thead>
          <tr>
            <th>{t("studyTitle")}</th>
            <th>{t("planHash")}</th>
            <th className="num">{t("bundles")}</th>
          </tr>
        </thead>
        <tbody>
          {studies.map((study) => (
            <tr key={study.id}>
              <td>
                <Link href={`/federation/hub/${study.id}`}>{study.title}</Link>
              </td>
              <td>
                <code>{study.planHash.slice(0, 16)}</code>
              </td>
              <td className="num">{study._count.bundles}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {manages && (
        <>
          <BundleForm mode="import" />
          <BundleForm mode="createStudy" />
        </>
      )}
      <h2>{t("sites")}</h2>
      <table data-testid="federated-sites">
        <thead>
          <tr>
            <th>{t("code")}</th>
            <th>{t("name")}</th>
            <th>{t("keyId")}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {sites.map((site) => (
            <tr key={site.id}>
              <td>{site.code}</td>
              <td>{site.name}</td>
              <td>
                <code>{site.keyId}</code>
              </td>
              <td>{format.dateTime(site.registeredAt, { dateStyle: "medium" })}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {manages && <RegisterSiteForm />}
    </section>
  );
}
