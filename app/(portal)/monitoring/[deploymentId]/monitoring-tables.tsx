import { getFormatter, getTranslations } from "next-intl/server";
import type { MonitoringFigures } from "@/lib/monitoring/compute-monitoring";

type Interval = { estimate: number | null; lower: number | null; upper: number | null; n: number };

async function formatters() {
  const t = await getTranslations("monitoring");
  const format = await getFormatter();
  const number = (value: number | null, digits = 3) => (value === null ? "—" : format.number(value, { maximumFractionDigits: digits }));
  const interval = (value: Interval, scale = 1, digits = 3) =>
    value.estimate === null ? `— (n = ${value.n})` : `${number(value.estimate * scale, digits)} (${number(value.lower === null ? null : value.lower * scale, digits)}–${number(value.upper === null ? null : value.upper * scale, digits)}, n = ${value.n})`;
  return { t, number, interval };
}

/** Rows: input dimensions; columns: periods; each cell PSI and the chi-square p with n. */
export async function DriftTable({ periods }: { periods: MonitoringFigures["periods"] }) {
  const { t, number } = await formatters();
  const dimensions = [...new Set(periods.flatMap((p) => p.drift.map((d) => d.dimension)))];
  if (dimensions.length === 0) return <p className="empty">{t("noData")}</p>;
  return (
    <div className="table-scroll">
      <table data-testid="drift-table">
        <thead>
          <tr>
            <th>{t("dimension")}</th>
            {periods.map((p) => (
              <th key={p.periodStart} className="num">
                {p.periodStart}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {dimensions.map((dimension) => (
            <tr key={dimension}>
              <th scope="row">{dimension}</th>
              {periods.map((p) => {
                const drift = p.drift.find((d) => d.dimension === dimension);
                if (!drift || drift.currentN === 0) return <td key={p.periodStart} className="num">—</td>;
                return (
                  <td key={p.periodStart} className={`num ${drift.psi >= 0.25 ? "alarm" : ""}`} data-testid={`drift-${dimension}-${p.periodStart}`}>
                    {number(drift.psi)}
                    {drift.reference === "firstPeriod" ? "†" : ""}
                    <br />
                    <small className="muted">
                      p = {number(drift.p, 4)}, n = {drift.currentN}
                    </small>
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export async function PerformanceTable({ periods }: { periods: MonitoringFigures["periods"] }) {
  const { t, number, interval } = await formatters();
  return (
    <div className="table-scroll">
      <table>
        <thead>
          <tr>
            <th>{t("period")}</th>
            <th className="num">{t("cases")}</th>
            <th className="num">{t("positiveRate")}</th>
            <th className="num">{t("scorePsi")}</th>
            <th className="num">{t("discordance")}</th>
            <th className="num">{t("sensitivity")}</th>
            <th className="num">{t("specificity")}</th>
            <th className="num">{t("auc")}</th>
          </tr>
        </thead>
        <tbody>
          {periods.map((p) => (
            <tr key={p.periodStart}>
              <td>{p.periodStart}</td>
              <td className="num">{p.cases}</td>
              <td className="num">{interval(p.positiveRate)}</td>
              <td className="num">{number(p.outputDrift.psi)}</td>
              <td className="num">{interval(p.discordance)}</td>
              <td className="num">{interval(p.sensitivity)}</td>
              <td className="num">{interval(p.specificity)}</td>
              <td className="num">{interval(p.auc)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export async function ReadingTimeTable({ readingTime }: { readingTime: MonitoringFigures["readingTime"] }) {
  const { t, interval } = await formatters();
  const sections = [
    ["byAiCall", readingTime["readTime.aiCall"]],
    ["byExperience", readingTime["readTime.experience"]],
    ["byExposure", readingTime["readTime.exposure"]],
  ] as const;
  return (
    <table data-testid="reading-time-table">
      <tbody>
        {sections.flatMap(([label, rows]) => [
          <tr key={label}>
            <th scope="rowgroup" colSpan={2}>
              {t(label)}
            </th>
          </tr>,
          ...(rows.length === 0
            ? [
                <tr key={`${label}-none`}>
                  <td colSpan={2} className="empty">
                    {t("noData")}
                  </td>
                </tr>,
              ]
            : rows.map((row) => (
                <tr key={`${label}-${row.groupKey}`}>
                  <td>{t.has(`groups.${row.groupKey}`) ? t(`groups.${row.groupKey}` as "groups.positive") : row.groupKey}</td>
                  <td className="num">{t("seconds", { value: interval(row, 1 / 1000, 1) })}</td>
                </tr>
              ))),
        ])}
      </tbody>
    </table>
  );
}
