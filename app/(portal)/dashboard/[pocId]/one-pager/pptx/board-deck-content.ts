import type { BoardDeckContent } from "@/lib/reporting/build-board-deck";
import { buildOnePager } from "@/lib/reporting/build-one-pager";
import { formatYenCompact } from "@/lib/reporting/format-yen";
import { kpiValue, type Translate } from "../../../dashboard-text";
import type { PocDashboard } from "../../../load-poc-dashboard";

/** The one-pager's words and numbers for the deck, from the same model and catalogue as the page. */
export function boardDeckContent({ dashboard, figures, t, locale, generatedAt }: { dashboard: PocDashboard; figures: BoardDeckContent["figures"]; t: Translate; locale: string; generatedAt: string }): BoardDeckContent {
  const primary = dashboard.poc.kpiTargets.find((target) => target.isPrimary)?.kpi ?? null;
  const page = buildOnePager({ kpis: dashboard.kpis, roi: dashboard.roi, measured: dashboard.measured, primaryKpi: primary });
  const yen = (value: number | null) => (value === null ? "—" : formatYenCompact(value, locale));
  const percent = (value: number | null) => (value === null ? "—" : new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 0 }).format(value));
  const verdict = (status: string, additionalN: number | null) =>
    status === "inconclusive" ? (additionalN === null ? t("onePager.verdict.inconclusiveUnknown") : t("onePager.verdict.inconclusive", { more: additionalN })) : t(`onePager.verdict.${status}`);
  return {
    title: `${t("onePager.title")}: ${dashboard.poc.title}`,
    subtitle: `${t("dashboard.decisionState")}: ${t(`dashboard.decision.${dashboard.poc.decision ?? dashboard.poc.status}`)} · ${t("onePager.generated", { date: generatedAt })}`,
    headlines: [
      {
        label: t("onePager.doesItPay"),
        value: t(`onePager.payoff.${page.roi.verdict}`),
        detail: page.roi.probabilityNpvPositive === null ? t("onePager.noMeasuredBenefit") : t("onePager.payoffDetail", { probability: percent(page.roi.probabilityNpvPositive), p5: yen(page.roi.npvP5Jpy), p95: yen(page.roi.npvP95Jpy) }),
      },
      {
        label: t("onePager.howSure"),
        value: t("onePager.targetsMet", { met: page.met, total: page.tiles.length }),
        detail: page.unsettled.length === 0 ? t("onePager.allSettled") : t("onePager.unsettledCount", { count: page.unsettled.length, missed: page.missed }),
      },
    ],
    kpiTable: {
      title: t("onePager.kpiTitle"),
      header: [t("dashboard.columns.kpi"), t("dashboard.columns.estimate"), t("dashboard.columns.interval"), t("dashboard.columns.n"), t("dashboard.columns.target"), t("dashboard.columns.status")],
      rows: page.tiles.map(({ kpi }) => [
        t(`dashboard.kpis.${kpi.key}`),
        kpiValue(t, locale, kpi, kpi.estimate),
        kpi.lower === null || kpi.upper === null ? "—" : `${kpiValue(t, locale, kpi, kpi.lower)} – ${kpiValue(t, locale, kpi, kpi.upper)}`,
        String(kpi.n),
        kpi.target ? `${kpi.target.comparator === "lte" ? "≤" : "≥"} ${kpiValue(t, locale, kpi, kpi.target.value)}` : "—",
        verdict(kpi.status, kpi.additionalN),
      ]),
    },
    roi: {
      title: t("onePager.roiTitle"),
      tiles: [
        [t("onePager.roi.npvP5"), yen(page.roi.npvP5Jpy)],
        [t("onePager.roi.npvP50"), yen(page.roi.npvP50Jpy)],
        [t("onePager.roi.npvP95"), yen(page.roi.npvP95Jpy)],
        [t("onePager.roi.probabilityPositive"), percent(page.roi.probabilityNpvPositive)],
        [t("onePager.roi.payback"), page.roi.paybackMonth === null ? t("dashboard.noPayback") : t("dashboard.paybackMonths", { month: page.roi.paybackMonth })],
        [t("onePager.roi.costPerCase"), yen(page.roi.costPerCaseJpy)],
      ],
    },
    lists: [
      {
        title: t("onePager.driversTitle"),
        items: page.drivers.length === 0 ? [t("onePager.noDrivers")] : page.drivers.map((driver) => `${t.has(`dashboard.roi.inputs.${driver.input}`) ? t(`dashboard.roi.inputs.${driver.input}`) : driver.input}: ${t("onePager.driverRange", { low: yen(driver.npvLowJpy), high: yen(driver.npvHighJpy) })}`),
      },
      {
        title: t("onePager.unsettledTitle"),
        items: page.unsettled.length === 0 ? [t("onePager.allSettled")] : page.unsettled.map((item) => `${t(`dashboard.kpis.${item.key}`)}: ${verdict(item.status, item.additionalN)}`),
      },
    ],
    figures,
    methodTitle: t("onePager.methodTitle"),
    methodNotes: [t("onePager.methodKpi"), ...(dashboard.roi.distribution ? [t("onePager.methodRoi", { draws: dashboard.roi.distribution.draws, seed: dashboard.roi.distribution.seed })] : [])],
    fontFace: locale === "ja" ? "Yu Gothic" : "Calibri",
  };
}
