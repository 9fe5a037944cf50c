import type { PocDashboard } from "./load-poc-dashboard";
import type { Translate } from "./dashboard-text";

/** The locked statistical analysis plan: what is pre-registered, the sample size it implies (formula named), and every amendment with its reason. */
export function AnalysisPlanSection({ plan, t, locale }: { plan: PocDashboard["analysisPlan"]; t: Translate; locale: string }) {
  if (!plan) return <p className="muted" data-testid="analysis-plan">{t("analysisPlan.none")}</p>;
  const [current] = plan.versions;
  const locked = plan.versions.find((version) => version.status === "APPROVED");
  const amendments = plan.versions.filter((version) => version.status === "AMENDMENT");
  const date = (value: Date | null) => (value ? new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeZone: "Asia/Tokyo" }).format(value) : "—");
  const { sampleSize } = plan;
  return (
    <details className="stack" data-testid="analysis-plan">
      <summary>
        {t("analysisPlan.title")}: {locked ? t("analysisPlan.locked", { version: locked.version, date: date(locked.approvedAt), hash: locked.planHash.slice(0, 12) }) : t("analysisPlan.draft", { version: current!.version })}
      </summary>
      <dl className="kv">
        <dt>{t("analysisPlan.primary")}</dt>
        <dd>{t(`dashboard.kpis.${current!.plan.primaryEndpoint}`)}</dd>
        <dt>{t("analysisPlan.secondary")}</dt>
        <dd>{current!.plan.secondaryEndpoints.map((key) => t(`dashboard.kpis.${key}`)).join(", ") || "—"}</dd>
        <dt>{t("analysisPlan.design")}</dt>
        <dd>{t(`analysisPlan.designs.${current!.plan.design}`, { readers: current!.plan.plannedReaders })}</dd>
        <dt>{t("analysisPlan.errors")}</dt>
        <dd>{t("analysisPlan.errorValues", { alpha: current!.plan.alpha, power: current!.plan.power, mde: current!.plan.minimumDetectableEffect })}</dd>
        <dt>{t("analysisPlan.interim")}</dt>
        <dd>{current!.plan.interimLooks === 0 ? t("analysisPlan.noInterim") : t(`analysisPlan.spending.${current!.plan.alphaSpending}`, { looks: current!.plan.interimLooks })}</dd>
        <dt>{t("analysisPlan.sampleSize")}</dt>
        <dd data-testid="plan-sample-size">
          {t("analysisPlan.sampleSizeValue", { perArm: sampleSize.perArm, cases: sampleSize.cases, inflation: sampleSize.inflationFactor })}
          <div className="muted small">{t(`analysisPlan.formulas.${sampleSize.formula}`)}</div>
        </dd>
        <dt>{t("analysisPlan.subgroups")}</dt>
        <dd>{current!.plan.subgroups.map((group) => t(`dashboard.dimensions.${group}`)).join(", ") || "—"}</dd>
      </dl>
      {amendments.length > 0 && (
        <ul data-testid="plan-amendments">
          {amendments.map((amendment) => (
            <li key={amendment.version}>{t("analysisPlan.amendment", { version: amendment.version, date: date(amendment.createdAt), reason: amendment.amendmentReason ?? "", hash: amendment.planHash.slice(0, 12) })}</li>
          ))}
        </ul>
      )}
    </details>
  );
}
