import Link from "next/link";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { orNotFound } from "@/app/_components/or-not-found";
import { requirePagePermission } from "@/lib/auth/current-user";
import { can } from "@/lib/auth/permissions";
import { kpiHorizons } from "@/lib/kpi/kpi-definitions";
import { formatKpiValue } from "@/lib/kpi/format-kpi-value";
import { TrendChart } from "../charts-client";
import { smallStateText, summaryParagraph, type Translate } from "../dashboard-text";
import { KpiTable } from "../kpi-table";
import { loadPocDashboard, type PocDashboard } from "../load-poc-dashboard";
import { AnalysisPlanSection } from "../analysis-plan-section";
import { ReaderStudySection } from "../reader-study-section";
import { RoiSection } from "../roi-section";
import { ScenarioEditor } from "./scenario-editor-client";

const tabs = [...kpiHorizons, "roi"] as const;
type Tab = (typeof tabs)[number];

export default async function PocDashboardPage({ params, searchParams }: { params: Promise<{ pocId: string }>; searchParams: Promise<{ tab?: string }> }) {
  const user = await requirePagePermission("kpi:view");
  const { pocId } = await params;
  const requested = (await searchParams).tab;
  const tab: Tab = tabs.includes(requested as Tab) ? (requested as Tab) : "short";
  const t = await getTranslations();
  const locale = await getLocale();
  const format = await getFormatter();
  const dashboard = await orNotFound(loadPocDashboard(user, pocId));
  const small = smallStateText(t, dashboard);
  return (
    <section className="stack">
      <h1>
        {dashboard.poc.title} {dashboard.poc.isDemo && <span className="badge">{t("app.demoBadge")}</span>}
      </h1>
      <p>
        {t("dashboard.decisionState")}: <span className={`status status-${dashboard.poc.status.toLowerCase()}`}>{t(`dashboard.decision.${dashboard.poc.decision ?? dashboard.poc.status}`)}</span>
      </p>
      <p data-testid="summary">{summaryParagraph(t, locale, dashboard)}</p>
      <AnalysisPlanSection plan={dashboard.analysisPlan} t={t} locale={locale} />
      {small && <p className="empty small-state">{small}</p>}
      <div className="row-actions no-print">
        <Link className="button-link" href={`/dashboard/${pocId}/one-pager`} data-testid="open-one-pager">
          {t("onePager.title")}
        </Link>
        <a className="button-link secondary" href={`/dashboard/${pocId}/kpi-csv`} download>
          {t("dashboard.exports.kpiCsv")}
        </a>
        {(["long", "dictionary", "imrmc", "rjafroc"] as const).map((format) => (
          <a key={format} className="button-link secondary" href={`/dashboard/${pocId}/reads-csv?format=${format}`} download>
            {t(`readerStudy.exports.${format}`)}
          </a>
        ))}
        <Link className="button-link secondary" href={`/dashboard/${pocId}/report`}>
          {t("dashboard.exports.report")}
        </Link>
      </div>
      <nav className="tabs" aria-label={t("dashboard.title")}>
        {tabs.map((item) => (
          <Link key={item} href={`/dashboard/${pocId}?tab=${item}`} aria-current={item === tab ? "page" : undefined} className={item === tab ? "tab active" : "tab"}>
            {t(`dashboard.tabs.${item}`)}
          </Link>
        ))}
      </nav>
      {tab === "roi" ? (
        <>
          <RoiSection dashboard={dashboard} t={t} locale={locale} />
          {can(user.role, "roi:edit") &&
            dashboard.scenarios.map((scenario) => (
              <ScenarioEditor
                key={`${scenario.id}-${scenario.updatedAt.toISOString()}`}
                scenario={{ id: scenario.id, kind: scenario.kind, inputs: scenario.inputs, history: scenario.revisions.map((revision, index) => ({ when: format.dateTime(revision.changedAt, { dateStyle: "medium", timeStyle: "short" }), who: revision.changedBy.name, note: revision.note, changed: changedInputs(revision.inputs, scenario.revisions[index + 1]?.inputs) })) }}
              />
            ))}
        </>
      ) : (
        <HorizonTab dashboard={dashboard} horizon={tab} t={t} locale={locale} />
      )}
    </section>
  );
}

/** Which inputs a revision changed compared with the one before it (none before the first). */
function changedInputs(inputs: unknown, previous: unknown): string[] {
  if (typeof inputs !== "object" || inputs === null || typeof previous !== "object" || previous === null) return [];
  return Object.keys(inputs).filter((key) => JSON.stringify((inputs as Record<string, unknown>)[key]) !== JSON.stringify((previous as Record<string, unknown>)[key]));
}

function HorizonTab({ dashboard, horizon, t, locale }: { dashboard: PocDashboard; horizon: (typeof kpiHorizons)[number]; t: Translate; locale: string }) {
  const months = dashboard.breakdowns.filter((group) => group.dimension === "month");
  const seconds = (cell: (typeof months)[number]["aided"]) => (cell.meanReadingMs.suppressed || cell.meanReadingMs.estimate === null ? null : Math.round(cell.meanReadingMs.estimate / 100) / 10);
  const cellText = (cell: PocDashboard["breakdowns"][number]["aided"]["sensitivity"], unit: "ratio" | "ms") =>
    cell.suppressed ? t("dashboard.suppressed") : `${formatKpiValue(cell.estimate, unit, locale, t(`dashboard.units.${unit}`))} (${formatKpiValue(cell.lower, unit, locale, t(`dashboard.units.${unit}`))} – ${formatKpiValue(cell.upper, unit, locale, t(`dashboard.units.${unit}`))}, n = ${cell.n})`;
  return (
    <>
      <p className="muted">{t(`dashboard.horizonIntro.${horizon}`)}</p>
      {horizon !== "short" && <p className="muted small" data-testid="outcome-unit">{t("readerStudy.outcomeUnit")}</p>}
      <KpiTable kpis={dashboard.kpis.filter((kpi) => kpi.horizon === horizon)} t={t} locale={locale} pocId={dashboard.poc.id} />
      {horizon === "short" && (
        <>
          <ReaderStudySection study={dashboard.readerStudy} t={t} locale={locale} />
          <h2>{t("dashboard.trendTitle")}</h2>
          {months.length < 2 ? (
            <p className="empty">{t("dashboard.trendEmpty", { months: months.length })}</p>
          ) : (
            <TrendChart data={months.map((group) => ({ month: group.label, unaided: seconds(group.unaided), aided: seconds(group.aided) }))} labels={{ unaided: t("dashboard.unaided"), aided: t("dashboard.aided"), seconds: t("dashboard.seconds") }} />
          )}
          <h2>{t("dashboard.fairnessTitle")}</h2>
          {dashboard.fairness.length === 0 ? (
            <p className="empty">{t("dashboard.empty")}</p>
          ) : (
            <table data-testid="fairness">
              <thead>
                <tr>
                  <th>{t("dashboard.breakdownColumns.group")}</th>
                  <th className="num">{t("dashboard.breakdownColumns.sensitivity")}</th>
                  <th className="num">{t("dashboard.breakdownColumns.specificity")}</th>
                </tr>
              </thead>
              <tbody>
                {dashboard.fairness.map((group) => (
                  <tr key={`${group.dimension}-${group.groupKey}`}>
                    <td>
                      {t(`dashboard.dimensions.${group.dimension}`)}: {group.groupKey}
                    </td>
                    <td className="num">{cellText(group.sensitivity, "ratio")}</td>
                    <td className="num">{cellText(group.specificity, "ratio")}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
      {horizon !== "long" && (
        <>
          <h2>{t("dashboard.breakdownTitle")}</h2>
          {dashboard.breakdowns.length === 0 ? (
            <p className="empty">{t("dashboard.empty")}</p>
          ) : (
            <table data-testid="breakdowns">
              <thead>
                <tr>
                  <th>{t("dashboard.breakdownColumns.group")}</th>
                  <th className="num">{t("dashboard.breakdownColumns.reads")}</th>
                  <th className="num">
                    {t("dashboard.breakdownColumns.sensitivity")} ({t("dashboard.unaided")} / {t("dashboard.aided")})
                  </th>
                  <th className="num">
                    {t("dashboard.breakdownColumns.meanTime")} ({t("dashboard.unaided")} / {t("dashboard.aided")})
                  </th>
                </tr>
              </thead>
              <tbody>
                {dashboard.breakdowns.map((group) => (
                  <tr key={`${group.dimension}-${group.groupKey}`}>
                    <td>
                      {t(`dashboard.dimensions.${group.dimension}`)}: {group.label}
                    </td>
                    <td className="num">{group.unaided.reads + group.aided.reads}</td>
                    <td className="num">
                      {cellText(group.unaided.sensitivity, "ratio")} / {cellText(group.aided.sensitivity, "ratio")}
                    </td>
                    <td className="num">
                      {cellText(group.unaided.meanReadingMs, "ms")} / {cellText(group.aided.meanReadingMs, "ms")}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
    </>
  );
}
