import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { requirePagePermission } from "@/lib/auth/current-user";
import { db } from "@/lib/db/client";
import { listDeployments } from "@/lib/monitoring/list-deployments";

export default async function MonitoringPage() {
  const user = await requirePagePermission("monitoring:view");
  const t = await getTranslations();
  const format = await getFormatter();
  const deployments = await listDeployments(db(), user);
  return (
    <section className="stack">
      <h1>{t("monitoring.title")}</h1>
      <p className="muted">{t("monitoring.intro")}</p>
      {deployments.length === 0 ? (
        <p className="empty">{t("monitoring.none")}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th>{t("monitoring.deployment")}</th>
              <th>{t("monitoring.site")}</th>
              <th>{t("monitoring.model")}</th>
              <th>{t("monitoring.adoptedAt")}</th>
              <th>{t("monitoring.periodLength")}</th>
              <th>{t("monitoring.status")}</th>
            </tr>
          </thead>
          <tbody>
            {deployments.map((deployment) => (
              <tr key={deployment.id} data-testid={`deployment-${deployment.id}`}>
                <td>
                  <Link href={`/monitoring/${deployment.id}`}>{deployment.poc.title}</Link> {deployment.isDemo && <span className="badge">{t("app.demoBadge")}</span>}
                </td>
                <td>{deployment.poc.site.code}</td>
                <td>
                  {deployment.poc.modelVersion.name} {deployment.poc.modelVersion.version}
                </td>
                <td>{format.dateTime(deployment.adoptedAt, { dateStyle: "medium" })}</td>
                <td>{t(`monitoring.periods.${deployment.periodLength}`)}</td>
                <td>
                  <span className={`status status-${deployment.status === "UNDER_REVIEW" ? "review" : "running"}`} data-testid="deployment-status">
                    {t(`monitoring.statuses.${deployment.status}`)}
                  </span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
