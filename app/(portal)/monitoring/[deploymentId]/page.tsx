import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { orNotFound } from "@/app/_components/or-not-found";
import { requirePagePermission } from "@/lib/auth/current-user";
import { can } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { defaultCusumThreshold } from "@/lib/monitoring/compute-monitoring";
import { getMonitoringDashboard } from "@/lib/monitoring/get-monitoring-dashboard";
import { CusumChart, EwmaChart, ReliabilityChart } from "./monitoring-charts-client";
import { DriftTable, PerformanceTable, ReadingTimeTable } from "./monitoring-tables";
import { PeriodLengthForm } from "./period-length-form-client";
import { StopRuleForm } from "./stop-rule-form-client";

export default async function DeploymentMonitoringPage({ params }: { params: Promise<{ deploymentId: string }> }) {
  const user = await requirePagePermission("monitoring:view");
  const { deploymentId } = await params;
  const t = await getTranslations();
  const format = await getFormatter();
  const dashboard = await orNotFound(getMonitoringDashboard(db(), user, deploymentId));
  const { figures, baseline } = dashboard;
  const number = (value: number | null, digits = 3) => (value === null ? "—" : format.number(value, { maximumFractionDigits: digits }));
  const latestCusum = figures.cusum.at(-1);
  const dimensions = [...new Set(figures.periods.flatMap((p) => p.drift.map((d) => d.dimension)))];
  return (
    <section className="stack">
      <p>
        <Link href="/monitoring">← {t("monitoring.title")}</Link>
      </p>
      <h1>
        {dashboard.deployment.title} {dashboard.deployment.isDemo && <span className="badge">{t("app.demoBadge")}</span>}
      </h1>
      <p>
        <span className={`status status-${dashboard.status === "UNDER_REVIEW" ? "review" : "running"}`} data-testid="deployment-status">
          {t(`monitoring.statuses.${dashboard.status}`)}
        </span>{" "}
        {t("monitoring.adoptedAt")}: {format.dateTime(dashboard.deployment.adoptedAt, { dateStyle: "medium" })} · {t(`monitoring.periods.${dashboard.deployment.periodLength}`)} ·{" "}
        {t("monitoring.baselineCases", { count: baseline.cases, model: baseline.modelSha256.slice(0, 12) })}
      </p>
      {can(user.role, "monitoring:ingest") && figures.periods.length === 0 && <PeriodLengthForm deploymentId={dashboard.deployment.id} periodLength={dashboard.deployment.periodLength} />}
      {dashboard.status === "UNDER_REVIEW" && (
        <p className="alert warning" role="alert">
          {t("monitoring.underReviewAlert")}
        </p>
      )}

      <h2>{t("monitoring.timeline")}</h2>
      {dashboard.timeline.length === 0 ? (
        <p className="empty">{t("monitoring.noEvents")}</p>
      ) : (
        <ol className="stack" data-testid="rule-timeline">
          {dashboard.timeline.map((event) => {
            const rule = dashboard.rules.find((r) => r.id === event.ruleId);
            return (
              <li key={event.id}>
                {format.dateTime(event.firedAt, { dateStyle: "medium", timeStyle: "short" })} —{" "}
                {t("monitoring.event", { kind: rule ? t(`monitoring.ruleKinds.${rule.kind as "INPUT_DRIFT"}`) : "", period: event.periodStart, value: number(event.value) })} ·{" "}
                {t("monitoring.reviewStatus")}: <span data-testid="review-status">{t(`governance.statuses.${event.reviewStatus}`)}</span> ·{" "}
                <Link href={`/governance/${dashboard.deployment.pocId}#item-${event.checklistItemId}`}>{t("monitoring.review")}</Link>
              </li>
            );
          })}
        </ol>
      )}

      <h2>{t("monitoring.rules")}</h2>
      {dashboard.rules.length === 0 ? (
        <p className="empty">{t("monitoring.noRules")}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th>{t("monitoring.ruleKind")}</th>
              <th>{t("monitoring.dimension")}</th>
              <th className="num">{t("monitoring.threshold")}</th>
              <th>{t("monitoring.statement")}</th>
              <th>{t("monitoring.signedBy")}</th>
              <th>{t("monitoring.signedAt")}</th>
            </tr>
          </thead>
          <tbody>
            {dashboard.rules.map((rule) => (
              <tr key={rule.id}>
                <td>{t(`monitoring.ruleKinds.${rule.kind as "INPUT_DRIFT"}`)}</td>
                <td>{rule.dimension ?? "—"}</td>
                <td className="num">{number(rule.threshold)}</td>
                <td>{rule.statement}</td>
                <td>{rule.signerName}</td>
                <td>{format.dateTime(rule.signedAt, { dateStyle: "medium", timeStyle: "short" })}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {can(user.role, "monitoring:rules") && <StopRuleForm deploymentId={dashboard.deployment.id} dimensions={dimensions} />}

      <h2>{t("monitoring.controlCharts")}</h2>
      <h3>{t("monitoring.cusum", { rate: `${number(figures.baselineDiscordanceRate * 100, 1)}%` })}</h3>
      <CusumChart
        data={figures.cusum.map((p) => ({ period: p.period, statistic: p.statistic }))}
        threshold={defaultCusumThreshold}
        labels={{ statistic: t("monitoring.cusumStatistic"), limit: t("monitoring.limit") }}
      />
      {latestCusum && (
        <p className="muted">
          {t("monitoring.cusumStatistic")} = {number(latestCusum.statistic, 2)} (n = {latestCusum.n})
        </p>
      )}
      <h3>{t("monitoring.ewma")}</h3>
      <EwmaChart
        data={figures.ewma.map((p) => ({ period: p.period, rate: p.rate, ewma: p.ewma, upper: p.upperLimit, lower: p.lowerLimit }))}
        labels={{ rate: t("monitoring.rate"), ewma: t("monitoring.ewmaValue"), upper: t("monitoring.upper"), lower: t("monitoring.lower") }}
      />

      <h2>{t("monitoring.drift")}</h2>
      <p className="muted">{t("monitoring.driftHint")}</p>
      <DriftTable periods={figures.periods} />

      <h2>{t("monitoring.output")}</h2>
      <PerformanceTable periods={figures.periods} />

      <h2>{t("monitoring.calibration")}</h2>
      <p>
        {t("monitoring.calibrationFigures", {
          intercept: number(figures.calibration.intercept),
          slope: number(figures.calibration.slope),
          ece: number(figures.calibration.expectedCalibrationError),
          n: figures.calibration.n,
        })}
      </p>
      <ReliabilityChart
        data={figures.calibration.reliability.map((p) => ({ predicted: p.meanPredicted, observed: p.observedRate, n: p.n }))}
        labels={{ predicted: t("monitoring.predicted"), observed: t("monitoring.observed") }}
      />

      <h2>{t("monitoring.readingTime")}</h2>
      <ReadingTimeTable readingTime={figures.readingTime} />
    </section>
  );
}
