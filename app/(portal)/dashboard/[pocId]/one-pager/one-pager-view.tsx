import type { KpiResult } from "@/lib/kpi/compute-kpis";
import { kpiDefinitions } from "@/lib/kpi/kpi-definitions";
import { buildOnePager } from "@/lib/reporting/build-one-pager";
import { formatYenCompact } from "@/lib/reporting/format-yen";
import { kpiValue, type Translate } from "../../dashboard-text";
import type { PocDashboard } from "../../load-poc-dashboard";
import { ForestPlot, type ForestRow } from "./forest-plot";
import { TrendBandChart, type TrendPoint } from "./trend-band-chart";

// Differences between the arms: the effects a forest plot compares on one axis.
const effectKeys = ["readingTimeRelativeChange", "sensitivityDifference", "specificityDifference", "repeatExamRateDifference", "avoidableRepeatExamRateDifference", "readmissionRateDifference", "complicationRateDifference"] as const;
const verdictBadge: Record<string, string> = { pass: "ok", fail: "danger", inconclusive: "", noData: "neutral", noTarget: "neutral" };

/** The executive one-pager of one PoC; the same markup is the page, the PDF and the deck's picture. */
export function OnePagerView({ dashboard, t, locale, generatedAt }: { dashboard: PocDashboard; t: Translate; locale: string; generatedAt: string }) {
  const primary = dashboard.poc.kpiTargets.find((target) => target.isPrimary)?.kpi ?? null;
  const page = buildOnePager({ kpis: dashboard.kpis, roi: dashboard.roi, measured: dashboard.measured, primaryKpi: primary });
  const yen = (value: number | null) => (value === null ? "—" : formatYenCompact(value, locale));
  const percent = (value: number | null) => (value === null ? "—" : new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 0 }).format(value));
  const value = (kpi: KpiResult, number: number | null) => kpiValue(t, locale, kpi, number);
  const verdictText = (kpi: KpiResult) =>
    kpi.status === "inconclusive"
      ? kpi.additionalN === null
        ? t("onePager.verdict.inconclusiveUnknown")
        : t("onePager.verdict.inconclusive", { more: kpi.additionalN })
      : t(`onePager.verdict.${kpi.status}`);
  const effects: ForestRow[] = effectKeys
    .map((key) => dashboard.kpis.find((kpi) => kpi.key === key))
    .filter((kpi): kpi is KpiResult => kpi !== undefined && kpi.estimate !== null)
    .map((kpi) => ({ label: t(`dashboard.kpis.${kpi.key}`), estimate: kpi.estimate, lower: kpi.lower, upper: kpi.upper, target: kpi.target?.value ?? null, n: kpi.n, better: kpiDefinitions[kpi.key].better }));
  const months = dashboard.breakdowns.filter((group) => group.dimension === "month");
  const point = (label: string, cell: PocDashboard["breakdowns"][number]["aided"]["meanReadingMs"], scale: number): TrendPoint =>
    cell.suppressed || cell.estimate === null || cell.lower === null || cell.upper === null
      ? { label, estimate: null, lower: null, upper: null }
      : { label, estimate: cell.estimate * scale, lower: cell.lower * scale, upper: cell.upper * scale };
  const seconds = t("dashboard.units.ms");
  const points = new Intl.NumberFormat(locale, { maximumFractionDigits: 1, signDisplay: "exceptZero" });
  return (
    <article className="stack gap-4" data-testid="one-pager">
      <section className="grid gap-3 md:grid-cols-2" aria-label={t("onePager.headlineLabel")}>
        <div className={`panel border-l-4 ${page.roi.verdict === "likely" ? "border-l-ok" : page.roi.verdict === "unlikely" ? "border-l-danger" : "border-l-warn-line"}`} data-testid="payoff-headline">
          <h2 className="m-0 text-base text-muted">{t("onePager.doesItPay")}</h2>
          <p className="text-xl font-bold">{t(`onePager.payoff.${page.roi.verdict}`)}</p>
          <p className="small">
            {page.roi.probabilityNpvPositive === null
              ? t("onePager.noMeasuredBenefit")
              : t("onePager.payoffDetail", { probability: percent(page.roi.probabilityNpvPositive), p5: yen(page.roi.npvP5Jpy), p95: yen(page.roi.npvP95Jpy) })}
          </p>
        </div>
        <div className="panel border-l-4 border-l-info" data-testid="certainty-headline">
          <h2 className="m-0 text-base text-muted">{t("onePager.howSure")}</h2>
          <p className="text-xl font-bold">{t("onePager.targetsMet", { met: page.met, total: page.tiles.length })}</p>
          <p className="small">{page.unsettled.length === 0 ? t("onePager.allSettled") : t("onePager.unsettledCount", { count: page.unsettled.length, missed: page.missed })}</p>
        </div>
      </section>

      <section className="stack gap-2" aria-labelledby="kpi-tiles-title">
        <h2 id="kpi-tiles-title">{t("onePager.kpiTitle")}</h2>
        {page.tiles.length === 0 ? (
          <p className="empty">{t("onePager.noTargets")}</p>
        ) : (
          <ul className="m-0 grid list-none grid-cols-[repeat(auto-fill,minmax(15rem,1fr))] gap-3 p-0">
            {page.tiles.map(({ kpi, primary: isPrimary }) => (
              <li key={kpi.key} className="panel gap-1.5" data-testid={`tile-${kpi.key}`}>
                <span className="small muted">
                  {t(`dashboard.kpis.${kpi.key}`)} {isPrimary && <span className="badge info">{t("onePager.primary")}</span>}
                </span>
                <span className="text-2xl font-bold tabular-nums">{value(kpi, kpi.estimate)}</span>
                <span className="small tabular-nums">
                  {kpi.lower === null || kpi.upper === null ? t("onePager.noInterval") : t("onePager.interval", { lower: value(kpi, kpi.lower), upper: value(kpi, kpi.upper) })} · n = {kpi.n}
                </span>
                {kpi.target && (
                  <span className="small muted">
                    {t("onePager.target")}: {kpi.target.comparator === "lte" ? "≤" : "≥"} {value(kpi, kpi.target.value)}
                  </span>
                )}
                <span className={`badge ${verdictBadge[kpi.status]} self-start`}>{verdictText(kpi)}</span>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section className="stack gap-2" aria-labelledby="roi-title">
        <h2 id="roi-title">{t("onePager.roiTitle")}</h2>
        <dl className="m-0 grid grid-cols-[repeat(auto-fill,minmax(10rem,1fr))] gap-3" data-testid="roi-tiles">
          {[
            ["npvP5", yen(page.roi.npvP5Jpy)],
            ["npvP50", yen(page.roi.npvP50Jpy)],
            ["npvP95", yen(page.roi.npvP95Jpy)],
            ["probabilityPositive", percent(page.roi.probabilityNpvPositive)],
            ["payback", page.roi.paybackMonth === null ? t("dashboard.noPayback") : t("dashboard.paybackMonths", { month: page.roi.paybackMonth })],
            ["costPerCase", yen(page.roi.costPerCaseJpy)],
          ].map(([key, shown]) => (
            <div key={key} className="panel gap-0.5">
              <dt className="small muted">{t(`onePager.roi.${key}`)}</dt>
              <dd className="m-0 text-lg font-semibold tabular-nums">{shown}</dd>
            </div>
          ))}
        </dl>
      </section>

      <div className="grid gap-3 md:grid-cols-2">
        <section className="panel" aria-labelledby="drivers-title">
          <h2 id="drivers-title" className="m-0">
            {t("onePager.driversTitle")}
          </h2>
          {page.drivers.length === 0 ? (
            <p className="muted small">{t("onePager.noDrivers")}</p>
          ) : (
            <ol className="m-0 small">
              {page.drivers.map((driver) => (
                <li key={driver.input}>
                  {t.has(`dashboard.roi.inputs.${driver.input}`) ? t(`dashboard.roi.inputs.${driver.input}`) : driver.input}: {t("onePager.driverRange", { low: yen(driver.npvLowJpy), high: yen(driver.npvHighJpy) })}
                </li>
              ))}
            </ol>
          )}
        </section>
        <section className="panel" aria-labelledby="unsettled-title" data-testid="unsettled">
          <h2 id="unsettled-title" className="m-0">
            {t("onePager.unsettledTitle")}
          </h2>
          {page.unsettled.length === 0 ? (
            <p className="muted small">{t("onePager.allSettled")}</p>
          ) : (
            <ul className="m-0 small">
              {page.unsettled.map((item) => (
                <li key={item.key}>
                  {t(`dashboard.kpis.${item.key}`)}:{" "}
                  {item.status === "noData" ? t("onePager.verdict.noData") : item.additionalN === null ? t("onePager.verdict.inconclusiveUnknown") : t("onePager.verdict.inconclusive", { more: item.additionalN })}
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>

      <section className="stack gap-3" aria-labelledby="charts-title">
        <h2 id="charts-title">{t("onePager.chartsTitle")}</h2>
        {effects.length === 0 ? (
          <p className="empty">{t("dashboard.empty")}</p>
        ) : (
          <ForestPlot
            rows={effects.map((row) => ({ ...row, estimate: row.estimate === null ? null : row.estimate * 100, lower: row.lower === null ? null : row.lower * 100, upper: row.upper === null ? null : row.upper * 100, target: row.target === null ? null : row.target * 100 }))}
            title={t("onePager.forestTitle")}
            caption={t("onePager.forestCaption", {
              list: effects.map((row) => `${row.label} ${points.format((row.estimate ?? 0) * 100)} (${points.format((row.lower ?? 0) * 100)} – ${points.format((row.upper ?? 0) * 100)}, n = ${row.n})`).join("; "),
            })}
            zeroLabel={t("onePager.noDifference")}
            targetLabel={t("onePager.target")}
            unit={t("onePager.forestUnit")}
            format={(number) => points.format(number)}
          />
        )}
        {months.length < 2 ? (
          <p className="empty">{t("dashboard.trendEmpty", { months: months.length })}</p>
        ) : (
          <>
            <TrendBandChart
              title={t("onePager.readingTrendTitle")}
              caption={t("onePager.trendCaption")}
              yTitle={t("onePager.secondsPerCase", { unit: seconds })}
              format={(number) => new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }).format(number)}
              series={[
                { name: t("dashboard.unaided"), colour: "#4f5d6c", points: months.map((group) => point(group.label, group.unaided.meanReadingMs, 1 / 1000)) },
                { name: t("dashboard.aided"), colour: "#0a6580", points: months.map((group) => point(group.label, group.aided.meanReadingMs, 1 / 1000)) },
              ]}
            />
            <TrendBandChart
              title={t("onePager.sensitivityTrendTitle")}
              caption={t("onePager.trendCaption")}
              yTitle={t("onePager.percentAxis")}
              maxValue={100}
              format={(number) => `${new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }).format(number)}%`}
              series={[
                { name: t("dashboard.unaided"), colour: "#4f5d6c", points: months.map((group) => point(group.label, group.unaided.sensitivity, 100)) },
                { name: t("dashboard.aided"), colour: "#0a6580", points: months.map((group) => point(group.label, group.aided.sensitivity, 100)) },
              ]}
            />
          </>
        )}
      </section>

      <section className="stack gap-1 small muted" aria-labelledby="method-title">
        <h2 id="method-title" className="text-base">
          {t("onePager.methodTitle")}
        </h2>
        <p>{t("onePager.methodKpi")}</p>
        {dashboard.roi.distribution && <p>{t("onePager.methodRoi", { draws: dashboard.roi.distribution.draws, seed: dashboard.roi.distribution.seed })}</p>}
        <p>{t("onePager.generated", { date: generatedAt })}</p>
      </section>
    </article>
  );
}
