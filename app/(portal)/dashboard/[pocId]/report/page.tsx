import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { orNotFound } from "@/app/_components/or-not-found";
import { requirePagePermission } from "@/lib/auth/current-user";
import { kpiHorizons } from "@/lib/kpi/kpi-definitions";
import { summaryParagraph } from "../../dashboard-text";
import { KpiTable } from "../../kpi-table";
import { loadPocDashboard } from "../../load-poc-dashboard";
import { RoiSection } from "../../roi-section";
import { PrintButton } from "./print-button-client";

/** A4 board report in the user's language: summary, KPIs with intervals against targets, ROI charts. */
export default async function BoardReportPage({ params }: { params: Promise<{ pocId: string }> }) {
  const user = await requirePagePermission("kpi:view");
  const { pocId } = await params;
  const t = await getTranslations();
  const locale = await getLocale();
  const format = await getFormatter();
  const dashboard = await orNotFound(loadPocDashboard(user, pocId));
  return (
    <article className="board-report stack" data-testid="board-report">
      <header>
        <h1>
          {t("dashboard.report.title")}: {dashboard.poc.title} {dashboard.poc.isDemo && <span className="badge">{t("app.demoBadge")}</span>}
        </h1>
        <p className="muted">{t("dashboard.report.generated", { date: format.dateTime(new Date(), { dateStyle: "long" }) })}</p>
        <p>
          {t("dashboard.decisionState")}: {t(`dashboard.decision.${dashboard.poc.decision ?? dashboard.poc.status}`)}
        </p>
        <PrintButton label={t("dashboard.report.print")} />
      </header>
      <h2>{t("dashboard.summaryTitle")}</h2>
      <p data-testid="summary">{summaryParagraph(t, locale, dashboard)}</p>
      <h2>{t("dashboard.report.kpiTable")}</h2>
      {kpiHorizons.map((horizon) => (
        <section key={horizon} className="report-block">
          <h3>{t(`dashboard.tabs.${horizon}`)}</h3>
          <KpiTable kpis={dashboard.kpis.filter((kpi) => kpi.horizon === horizon)} t={t} locale={locale} withLinks={false} />
        </section>
      ))}
      <h2>{t("dashboard.report.roiTable")}</h2>
      <RoiSection dashboard={dashboard} t={t} locale={locale} />
    </article>
  );
}
