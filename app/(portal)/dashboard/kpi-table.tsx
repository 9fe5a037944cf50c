import Link from "next/link";
import type { KpiResult } from "@/lib/kpi/compute-kpis";
import type { DrilldownKind } from "@/lib/kpi/list-cases-behind";
import { kpiValue, type Translate } from "./dashboard-text";

/** Which cases stand behind a KPI's number, for the drill-down link. */
const drilldownFor: Partial<Record<KpiResult["key"], DrilldownKind>> = {
  aiSensitivity: "aiFalseNegative",
  aiSpecificity: "aiFalsePositive",
  secondOpinionYield: "changedAfterAi",
  discrepancyRateAided: "discrepancyAided",
  discrepancyRateUnaided: "discrepancyUnaided",
  repeatExamRateAided: "repeatExam",
  repeatExamRateUnaided: "repeatExam",
};

/** Whether a reader-study row generalises to new readers, and if not, why. */
function analysisUnitText(t: Translate, kpi: KpiResult) {
  if (kpi.analysisUnit === "readersRandom") return t("readerStudy.readersRandom");
  const reason = kpi.perReadReason;
  return reason && reason.readersInBothArms < reason.needed ? t("readerStudy.perReadTooFew", { readers: reason.readersInBothArms, needed: reason.needed }) : t("readerStudy.perReadOther");
}

export function KpiTable({ kpis, t, locale, pocId, withLinks = true }: { kpis: KpiResult[]; t: Translate; locale: string; pocId?: string; withLinks?: boolean }) {
  return (
    <table className="kpi-table">
      <thead>
        <tr>
          <th>{t("dashboard.columns.kpi")}</th>
          <th className="num">{t("dashboard.columns.estimate")}</th>
          <th className="num">{t("dashboard.columns.interval")}</th>
          <th className="num">{t("dashboard.columns.n")}</th>
          <th>{t("dashboard.columns.target")}</th>
          <th>{t("dashboard.columns.status")}</th>
          <th className="num">{t("dashboard.columns.needed")}</th>
        </tr>
      </thead>
      <tbody>
        {kpis.map((kpi) => {
          const drilldown = drilldownFor[kpi.key];
          const estimate = kpiValue(t, locale, kpi, kpi.estimate);
          return (
            <tr key={kpi.key} data-testid={`kpi-${kpi.key}`}>
              <td>
                {t(`dashboard.kpis.${kpi.key}`)}
                <div className="muted small">{kpi.method}</div>
                {kpi.analysisUnit && <div className="muted small" data-testid="analysis-unit">{analysisUnitText(t, kpi)}</div>}
              </td>
              <td className="num">
                {withLinks && pocId && drilldown && kpi.estimate !== null ? (
                  <Link href={`/dashboard/${pocId}/cases?kind=${drilldown}`} title={t("dashboard.casesBehind")}>
                    {estimate}
                  </Link>
                ) : (
                  estimate
                )}
              </td>
              <td className="num">{kpi.lower === null || kpi.upper === null ? "—" : `${kpiValue(t, locale, kpi, kpi.lower)} – ${kpiValue(t, locale, kpi, kpi.upper)}`}</td>
              <td className="num">{kpi.n}</td>
              <td>{kpi.target ? `${kpi.target.comparator === "lte" ? "≤" : "≥"} ${kpiValue(t, locale, kpi, kpi.target.value)}` : "—"}</td>
              <td>
                <span className={`light light-${kpi.status}`}>{t(`dashboard.status.${kpi.status}`)}</span>
              </td>
              <td className="num">{kpi.status === "inconclusive" ? (kpi.additionalN === null ? t("dashboard.notReachable") : t("dashboard.moreNeeded", { more: kpi.additionalN })) : "—"}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
