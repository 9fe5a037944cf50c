import Link from "next/link";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { orNotFound } from "@/app/_components/or-not-found";
import { requirePagePermission } from "@/lib/auth/current-user";
import { serverEnv } from "@/lib/config/env";
import { db } from "@/lib/db/client";
import { getFederatedPool } from "@/lib/federation/get-federated-pool";
import type { PooledEffect } from "@/lib/federation/pool-bundles";
import { formatJpy } from "@/lib/kpi/format-kpi-value";
import { z95 } from "@/lib/kpi/normal-distribution";
import { ForestPlot, type ForestRow } from "./forest-plot-client";

// Reading time is pooled in ms and shown in seconds; the risk ratio on the log scale and shown as a ratio.
// τ² follows the scale of the estimates (s² for reading time; the log scale for the risk ratio).
const display = {
  readingTimeMeanDifferenceMs: { scale: (v: number) => v / 1000, digits: 1, nullValue: 0, tauScale: 1e-6 },
  repeatExamLogRiskRatio: { scale: Math.exp, digits: 2, nullValue: 1, tauScale: 1 },
} as const;
const displayOf = (key: PooledEffect["key"]) => (key in display ? display[key as keyof typeof display] : { scale: (v: number) => v, digits: 3, nullValue: 0, tauScale: 1 });

export default async function FederatedStudyPage({ params }: { params: Promise<{ studyId: string }> }) {
  await requirePagePermission("federation:view");
  const { studyId } = await params;
  const t = await getTranslations("federation");
  const tKpi = await getTranslations("dashboard.kpis");
  const format = await getFormatter();
  const currentLocale = await getLocale();
  if (!serverEnv().FEDERATION_HUB) return <p className="empty">{t("hubDisabled")}</p>;
  const pool = await orNotFound(getFederatedPool(db(), studyId));
  const number = (value: number | null, digits = 3) => (value === null ? "—" : format.number(value, { maximumFractionDigits: digits }));
  const interval = (e: { estimate: number | null; lower: number | null; upper: number | null; n: number }, scale = 1, digits = 3) =>
    e.estimate === null ? `— (n = ${e.n})` : `${number(e.estimate * scale, digits)} (${number(e.lower === null ? null : e.lower * scale, digits)}–${number(e.upper === null ? null : e.upper * scale, digits)}, n = ${e.n})`;
  return (
    <section className="stack">
      <p>
        <Link href="/federation/hub">← {t("hub")}</Link>
      </p>
      <h1>{pool.study.title}</h1>
      <p className="muted">
        {t("planHash")}: <code>{pool.study.planHash.slice(0, 16)}</code> · {t("bundles")}: {pool.bundles.map((b) => b.siteCode).join(", ")}
      </p>

      <h2>{t("exact")}</h2>
      <p className="muted">{t("exactHint")}</p>
      {pool.exact && (
        <table data-testid="exact-pool">
          <tbody>
            {(
              [
                ["sensitivityUnaided", pool.exact.sensitivityUnaided],
                ["sensitivityAided", pool.exact.sensitivityAided],
                ["sensitivityDifference", pool.exact.sensitivityDifference],
                ["specificityUnaided", pool.exact.specificityUnaided],
                ["specificityAided", pool.exact.specificityAided],
                ["specificityDifference", pool.exact.specificityDifference],
                ["repeatExamRateDifference", pool.exact.repeatExamRateDifference],
                ["aiSensitivity", pool.exact.aiSensitivity],
                ["aiSpecificity", pool.exact.aiSpecificity],
                ["secondOpinionYield", pool.exact.secondOpinionYield],
                ["readmissionRateDifference", pool.exact.readmissionRateDifference],
                ["complicationRateDifference", pool.exact.complicationRateDifference],
                ["timeToTreatmentDifferenceHours", pool.exact.timeToTreatmentDifferenceHours],
                ["patientSatisfactionDifference", pool.exact.patientSatisfactionDifference],
              ] as const
            ).map(([key, value]) => (
              <tr key={key}>
                <th scope="row">{tKpi(key)}</th>
                <td className="num">{interval(value)}</td>
              </tr>
            ))}
            <tr>
              <th scope="row">{tKpi("readingTimeMeanUnaidedMs")} (s)</th>
              <td className="num">{interval(pool.exact.readingTimeMeanUnaidedMs, 1 / 1000, 1)}</td>
            </tr>
            <tr>
              <th scope="row">{tKpi("readingTimeMeanAidedMs")} (s)</th>
              <td className="num">{interval(pool.exact.readingTimeMeanAidedMs, 1 / 1000, 1)}</td>
            </tr>
          </tbody>
        </table>
      )}

      <h2>{t("meta")}</h2>
      {pool.pooled.map((effect) => {
        const { scale, digits, nullValue, tauScale } = displayOf(effect.key);
        const analysis = effect.analysis;
        const label = t(`effects.${effect.key}`);
        if (!analysis) {
          return (
            <article key={effect.key} className="panel">
              <h3>{label}</h3>
              <p className="empty">{t("tooFew")}</p>
            </article>
          );
        }
        const row = (text: string, e: { estimate: number; lower: number; upper: number }, weight: number, kind: ForestRow["kind"]): ForestRow => ({
          label: text,
          estimate: scale(e.estimate),
          lower: scale(e.lower),
          upper: scale(e.upper),
          weight,
          kind,
        });
        const reml = analysis.reml;
        const rows: ForestRow[] = [
          ...analysis.studies.map((s, i) => row(s.label, { estimate: s.estimate, lower: s.estimate - z95 * Math.sqrt(s.variance), upper: s.estimate + z95 * Math.sqrt(s.variance) }, reml.weightsPercent[i]!, "site")),
          row(t("fixed"), analysis.fixed, 50, "pooled"),
          row(t("dl"), analysis.dersimonianLaird.wald, 50, "pooled"),
          row(t("reml"), reml.hartungKnapp, 50, "pooled"),
          row(t("prediction"), { estimate: reml.hartungKnapp.estimate, ...reml.predictionHartungKnapp }, 20, "prediction"),
        ];
        return (
          <article key={effect.key} className="panel" data-testid={`forest-${effect.key}`}>
            <h3>{t("forest", { kpi: label })}</h3>
            <ForestPlot rows={rows} nullValue={nullValue} digits={digits} />
            <table>
              <thead>
                <tr>
                  <th>{t("siteColumn")}</th>
                  <th className="num">{t("estimate")}</th>
                  <th className="num">{t("ci")}</th>
                  <th className="num">{t("weight")}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.label}>
                    <td>{r.label}</td>
                    <td className="num">{number(r.estimate, digits)}</td>
                    <td className="num">
                      {number(r.lower, digits)} – {number(r.upper, digits)}
                    </td>
                    <td className="num">{r.kind === "site" ? `${number(r.weight, 1)} %` : ""}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <p className="muted">
              {t("heterogeneity", {
                tau2: number(reml.tauSquared * tauScale, 4),
                i2: number(reml.iSquaredPercent, 1),
                q: number(analysis.heterogeneity.q, 2),
                df: analysis.heterogeneity.degreesOfFreedom,
                p: number(analysis.heterogeneity.p, 4),
              })}
            </p>
          </article>
        );
      })}

      {pool.newSiteRoi && (
        <>
          <h2>{t("roi")}</h2>
          <p className="muted">{t("roiHint")}</p>
          <dl className="kv" data-testid="new-site-roi">
            <dt>{t("pessimistic")}</dt>
            <dd>{formatJpy(pool.newSiteRoi.pessimisticNpvJpy, currentLocale)}</dd>
            <dt>{t("pooledNpv")}</dt>
            <dd>{formatJpy(pool.newSiteRoi.pooledNpvJpy, currentLocale)}</dd>
            <dt>{t("optimistic")}</dt>
            <dd>{formatJpy(pool.newSiteRoi.optimisticNpvJpy, currentLocale)}</dd>
          </dl>
        </>
      )}
    </section>
  );
}
