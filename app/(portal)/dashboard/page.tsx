import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { requirePagePermission } from "@/lib/auth/current-user";
import { db } from "@/lib/db/client";
import { formatJpy } from "@/lib/kpi/format-kpi-value";
import { getPooledKpis, listDashboardPocs } from "@/lib/kpi/get-kpi-dashboard";
import { kpiValue, smallStateText, summaryParagraph } from "./dashboard-text";
import { KpiTable, notEstimableText, statusText } from "./kpi-table";
import { loadPocDashboard } from "./load-poc-dashboard";

export default async function DashboardPage() {
  const user = await requirePagePermission("kpi:view");
  const t = await getTranslations();
  const locale = await getLocale();
  const pocs = await listDashboardPocs(db(), user);
  if (pocs.length === 0) return <p className="empty">{t("dashboard.noPocs")}</p>;
  const dashboards = await Promise.all(pocs.map((poc) => loadPocDashboard(user, poc.id)));
  const pooled = await getPooledKpis(db(), user);
  return (
    <section className="stack">
      <div className="page-head">
        <h1>{t("dashboard.title")}</h1>
        <Link className="button-link" href="/dashboard/portfolio" data-testid="open-portfolio">
          {t("portfolio.open")}
        </Link>
      </div>
      <p className="muted">{t("dashboard.intro")}</p>
      <div className="poc-cards">
        {dashboards.map((dashboard) => {
          const time = dashboard.kpis.find((kpi) => kpi.key === "readingTimeRelativeChange")!;
          const targeted = dashboard.kpis.filter((kpi) => kpi.target !== null);
          const decisionKey = dashboard.poc.decision ?? dashboard.poc.status;
          const small = smallStateText(t, dashboard);
          return (
            <article key={dashboard.poc.id} className="panel" data-testid={`poc-card-${dashboard.poc.id}`}>
              <h2>
                <Link href={`/dashboard/${dashboard.poc.id}`}>{dashboard.poc.title}</Link> {dashboard.poc.isDemo && <span className="badge">{t("app.demoBadge")}</span>}
              </h2>
              <p>
                {t("dashboard.decisionState")}: <span className={`status status-${dashboard.poc.status.toLowerCase()}`}>{t(`dashboard.decision.${decisionKey}`)}</span>
              </p>
              <ul className="lights" aria-label={t("dashboard.targets")}>
                {targeted.map((kpi) => (
                  <li key={kpi.key}>
                    <span className={`light light-${kpi.status}`}>{statusText(t, kpi.status)}</span> {t(`dashboard.kpis.${kpi.key}`)}
                  </li>
                ))}
              </ul>
              <dl className="kv">
                <dt>{t("dashboard.readingTimeChange")}</dt>
                <dd data-testid="reading-time-change">
                  {time.estimable
                    ? `${kpiValue(t, locale, time, time.estimate)} (95% CI ${kpiValue(t, locale, time, time.lower)} – ${kpiValue(t, locale, time, time.upper)}, n = ${time.n})`
                    : notEstimableText(t, time)}
                </dd>
                {dashboard.roi.distribution && dashboard.roi.base && dashboard.measured.hoursSavedPerCase !== null && (
                  <>
                    <dt>{t("dashboard.roiRange")}</dt>
                    <dd>
                      {formatJpy(dashboard.roi.base.result.npvJpy, locale)} ({formatJpy(dashboard.roi.distribution.npvJpy.p5, locale)} – {formatJpy(dashboard.roi.distribution.npvJpy.p95, locale)})
                    </dd>
                    <dt>{t("dashboard.payback")}</dt>
                    <dd>{dashboard.roi.base.result.paybackMonth === null ? t("dashboard.noPayback") : t("dashboard.paybackMonths", { month: dashboard.roi.base.result.paybackMonth })}</dd>
                  </>
                )}
              </dl>
              {small && <p className="empty small-state">{small}</p>}
              <p data-testid="summary">{summaryParagraph(t, locale, dashboard)}</p>
              <Link className="button-link" href={`/dashboard/${dashboard.poc.id}`}>
                {t("dashboard.open")}
              </Link>
            </article>
          );
        })}
      </div>
      <h2>{t("dashboard.pooledTitle")}</h2>
      <p className="muted">{t("dashboard.pooledNote", { count: pocs.length })}</p>
      <KpiTable kpis={pooled.filter((kpi) => kpi.horizon === "short")} t={t} locale={locale} withLinks={false} />
    </section>
  );
}
