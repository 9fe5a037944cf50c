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

/** "not estimable yet (n = 2; needs ≥ 6)": the method's own minimum, or no variation yet. */
export function notEstimableText(t: Translate, kpi: Pick<KpiResult, "sample" | "lower" | "upper">) {
  return kpi.sample.n >= kpi.sample.needs && kpi.lower !== null && kpi.lower === kpi.upper ? t("kpiRules.noVariation", { n: kpi.sample.n }) : t("kpiRules.notEstimable", { n: kpi.sample.n, needs: kpi.sample.needs });
}

export function statusText(t: Translate, status: KpiResult["status"]) {
  return status === "collecting" || status === "notEstimable" ? t(`kpiRules.status.${status}`) : t(`dashboard.status.${status}`);
}

/** Cases still needed, from the power calculation for the endpoint's design, while no verdict is given. */
function neededText(t: Translate, kpi: KpiResult) {
  if (kpi.status !== "inconclusive" && kpi.status !== "collecting" && kpi.status !== "notEstimable") return "—";
  if (kpi.additionalN === null) return t("dashboard.notReachable");
  const design = kpi.sample.method === "signedRank" ? "paired" : "twoSample";
  return t("kpiRules.casesNeeded", { more: kpi.additionalN, design: t(`kpiRules.design.${design}`) });
}

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
          const estimate = kpi.estimable ? kpiValue(t, locale, kpi, kpi.estimate) : notEstimableText(t, kpi);
          return (
            <tr key={kpi.key} data-testid={`kpi-${kpi.key}`}>
              <td>
                {t(`dashboard.kpis.${kpi.key}`)} <span className="badge" data-testid="registration">{t(`kpiRules.registration.${kpi.registration}`)}</span>
                <div className="muted small">{t(`kpiRules.methods.${kpi.sample.method}`)}</div>
                {kpi.analysisUnit && <div className="muted small" data-testid="analysis-unit">{analysisUnitText(t, kpi)}</div>}
              </td>
              <td className="num">
                {withLinks && pocId && drilldown && kpi.estimable ? (
                  <Link href={`/dashboard/${pocId}/cases?kind=${drilldown}`} title={t("dashboard.casesBehind")}>
                    {estimate}
                  </Link>
                ) : (
                  estimate
                )}
              </td>
              <td className="num">{!kpi.estimable || kpi.lower === null || kpi.upper === null ? "—" : `${kpiValue(t, locale, kpi, kpi.lower)} – ${kpiValue(t, locale, kpi, kpi.upper)}`}</td>
              <td className="num">{kpi.n}</td>
              <td>
                {kpi.target ? `${kpi.target.comparator === "lte" ? "≤" : "≥"} ${kpiValue(t, locale, kpi, kpi.target.value)}` : "—"}
                {kpi.target && <div className="muted small">{t("kpiRules.precision", { precision: kpiValue(t, locale, kpi, kpi.precisionHalfWidth) })}</div>}
              </td>
              <td>
                <span className={`light light-${kpi.status}`}>{statusText(t, kpi.status)}</span>
              </td>
              <td className="num">{neededText(t, kpi)}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
