import type { getTranslations } from "next-intl/server";
import type { KpiResult } from "@/lib/kpi/compute-kpis";
import { formatJpy, formatKpiValue } from "@/lib/kpi/format-kpi-value";
import type { PocDashboard } from "./load-poc-dashboard";

export type Translate = Awaited<ReturnType<typeof getTranslations>>;

export function kpiValue(t: Translate, locale: string, kpi: Pick<KpiResult, "unit">, value: number | null) {
  // Scores, AUC and kappa are unitless: only the other units have a label in the catalogue.
  return formatKpiValue(value, kpi.unit, locale, t.has(`dashboard.units.${kpi.unit}`) ? t(`dashboard.units.${kpi.unit}`) : "");
}

/** The one-paragraph summary, built only from the numbers (each sentence appears only when its numbers exist). */
export function summaryParagraph(t: Translate, locale: string, dashboard: PocDashboard): string {
  const find = (key: KpiResult["key"]) => dashboard.kpis.find((kpi) => kpi.key === key)!;
  const sentences: string[] = [];
  const time = find("readingTimeRelativeChange");
  // Only estimable figures reach the prose; "not estimable yet" is said in the table.
  if (time.estimable && time.estimate !== null && time.lower !== null && time.upper !== null) {
    sentences.push(t("dashboard.summary.readingTime", { change: kpiValue(t, locale, time, time.estimate), lower: kpiValue(t, locale, time, time.lower), upper: kpiValue(t, locale, time, time.upper), n: time.n }));
  }
  const sensitivity = find("sensitivityDifference");
  if (sensitivity.estimable && sensitivity.estimate !== null && sensitivity.lower !== null && sensitivity.upper !== null) {
    const points = (value: number) => new Intl.NumberFormat(locale, { maximumFractionDigits: 1, signDisplay: "exceptZero" }).format(value * 100);
    sentences.push(t("dashboard.summary.sensitivity", { change: points(sensitivity.estimate), lower: points(sensitivity.lower), upper: points(sensitivity.upper), n: sensitivity.n }));
  }
  const targeted = dashboard.kpis.filter((kpi) => kpi.target !== null);
  if (targeted.length > 0) {
    sentences.push(t("dashboard.summary.targets", { met: targeted.filter((kpi) => kpi.status === "pass").length, total: targeted.length, inconclusive: targeted.filter((kpi) => kpi.status !== "pass" && kpi.status !== "fail").length }));
  }
  const distribution = dashboard.roi.distribution;
  // Without a measured benefit the range would only restate the costs: say nothing rather than mislead.
  if (distribution && dashboard.roi.base && dashboard.measured.hoursSavedPerCase !== null) {
    sentences.push(t("dashboard.summary.roi", {
      npv: formatJpy(dashboard.roi.base.result.npvJpy, locale), p5: formatJpy(distribution.npvJpy.p5, locale), p95: formatJpy(distribution.npvJpy.p95, locale),
      probability: new Intl.NumberFormat(locale, { style: "percent" }).format(distribution.probabilityNpvPositive),
    }));
    const payback = dashboard.roi.base.result.paybackMonth;
    sentences.push(payback === null ? t("dashboard.summary.noPayback") : t("dashboard.summary.payback", { month: payback }));
  }
  if (!time.estimable) sentences.unshift(t("dashboard.summary.noData"));
  return sentences.join(locale === "ja" ? "" : " ");
}

/** "12 reads so far; 88 more needed" for the primary KPI. */
export function smallStateText(t: Translate, dashboard: PocDashboard): string | null {
  const primary = dashboard.poc.kpiTargets.find((target) => target.isPrimary);
  const kpi = primary ? dashboard.kpis.find((item) => item.key === primary.kpi) : undefined;
  if (dashboard.totalReads === 0) return t("dashboard.noReads");
  if (!kpi || kpi.status === "pass" || kpi.status === "fail") return null;
  return kpi.additionalN !== null ? t("dashboard.smallState", { reads: dashboard.totalReads, more: kpi.additionalN }) : t("dashboard.smallStateUnknown", { reads: dashboard.totalReads });
}
