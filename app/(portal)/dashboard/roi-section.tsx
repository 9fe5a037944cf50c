import { formatJpy } from "@/lib/kpi/format-kpi-value";
import { CashFlowChart, DistributionChart, TornadoChart } from "./charts-client";
import type { Translate } from "./dashboard-text";
import type { PocDashboard } from "./load-poc-dashboard";

const percent = (locale: string, value: number) => new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 0 }).format(value);

/** Scenario table, cumulative cash flow, tornado and Monte Carlo distribution of one PoC. */
export function RoiSection({ dashboard, t, locale }: { dashboard: PocDashboard; t: Translate; locale: string }) {
  const { roi, measured } = dashboard;
  const maxYears = Math.max(0, ...roi.results.map((item) => item.inputs.horizonYears));
  const cashFlowData = Array.from({ length: maxYears + 1 }, (_, year) => {
    const row: Record<string, number> = { year };
    for (const item of roi.results) row[item.id] = year === 0 ? -item.result.cashFlows[0]!.oneOffJpy : (item.result.cashFlows[year - 1]?.cumulativeNetJpy ?? Number.NaN);
    return row;
  });
  const inputLabel = (key: string) => (t.has(`dashboard.roi.inputs.${key}`) ? t(`dashboard.roi.inputs.${key}`) : key);
  return (
    <section className="stack">
      <p className="muted">{t("dashboard.roi.intro")}</p>
      <h3>{t("dashboard.roi.measuredTitle")}</h3>
      <dl className="kv" data-testid="measured-inputs">
        {(["hoursSavedPerCase", "repeatExamsAvoidedPerCase", "missedDiagnosesAvoidedPerCase"] as const).map((key) => {
          const value = measured[key];
          const assumed = roi.benefitInputs?.[key];
          const digits = (number: number) => new Intl.NumberFormat(locale, { maximumFractionDigits: 4 }).format(number);
          return (
            <div key={key} className="kv-row">
              <dt>{t(`dashboard.roi.${key}`)}</dt>
              <dd data-testid={`benefit-${key}`}>
                {value
                  ? `${digits(value.estimate)} (95% CI ${digits(value.lower)} – ${digits(value.upper)}, n = ${value.n})`
                  : assumed
                    ? t("kpiRules.assumed", { estimate: digits(assumed.estimate), lower: digits(assumed.lower), upper: digits(assumed.upper) })
                    : t("dashboard.roi.measuredNone")}
              </dd>
            </div>
          );
        })}
      </dl>
      <table data-testid="roi-scenarios">
        <thead>
          <tr>
            <th>{t("dashboard.roi.scenario")}</th>
            <th className="num">{t("dashboard.roi.npv")}</th>
            <th className="num">{t("dashboard.roi.roiPercent")}</th>
            <th>{t("dashboard.roi.payback")}</th>
          </tr>
        </thead>
        <tbody>
          {roi.results.map((item) => (
            <tr key={item.id} data-testid={`roi-${item.kind}`}>
              <td>{t(`dashboard.roi.kind.${item.kind}`)}</td>
              <td className="num" data-testid={`npv-${item.kind}`}>{formatJpy(item.result.npvJpy, locale)}</td>
              <td className="num">{percent(locale, item.result.roiRatio)}</td>
              <td>{item.result.paybackMonth === null ? t("dashboard.noPayback") : t("dashboard.paybackMonths", { month: item.result.paybackMonth })}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h3>{t("dashboard.roi.cashFlowTitle")}</h3>
      <CashFlowChart data={cashFlowData} scenarios={roi.results.map((item) => ({ key: item.id, label: t(`dashboard.roi.kind.${item.kind}`), kind: item.kind }))} locale={locale} yearLabel={t("dashboard.roi.year")} />
      {roi.base && (
        <>
          <h3>{t("dashboard.roi.tornadoTitle")}</h3>
          <TornadoChart
            data={roi.tornado.map((bar) => ({ input: inputLabel(bar.input), low: bar.npvLowJpy - roi.base!.result.npvJpy, high: bar.npvHighJpy - roi.base!.result.npvJpy }))}
            baseNpvJpy={roi.base.result.npvJpy}
            locale={locale}
            labels={{ low: t("dashboard.roi.tornadoLow"), high: t("dashboard.roi.tornadoHigh") }}
          />
        </>
      )}
      {roi.distribution && (
        <>
          <h3>{t("dashboard.roi.distributionTitle", { draws: roi.distribution.draws, seed: roi.distribution.seed })}</h3>
          <p data-testid="roi-distribution">
            NPV {t("dashboard.roi.percentiles")}: {formatJpy(roi.distribution.npvJpy.p5, locale)} / {formatJpy(roi.distribution.npvJpy.p50, locale)} / {formatJpy(roi.distribution.npvJpy.p95, locale)} · ROI{" "}
            {t("dashboard.roi.percentiles")}: {percent(locale, roi.distribution.roiRatio.p5)} / {percent(locale, roi.distribution.roiRatio.p50)} / {percent(locale, roi.distribution.roiRatio.p95)} · {t("dashboard.roi.probabilityPositive")}:{" "}
            {percent(locale, roi.distribution.probabilityNpvPositive)}
          </p>
          <DistributionChart data={roi.distribution.histogram.map((bin) => ({ label: new Intl.NumberFormat(locale, { notation: "compact", maximumFractionDigits: 1 }).format(bin.fromJpy), fromJpy: bin.fromJpy, count: bin.count }))} locale={locale} />
        </>
      )}
    </section>
  );
}
