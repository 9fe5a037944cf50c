import Link from "next/link";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { PrintButton } from "@/app/(portal)/dashboard/[pocId]/report/print-button-client";
import { requirePagePermission } from "@/lib/auth/current-user";
import { db } from "@/lib/db/client";
import { isAppError } from "@/lib/errors";
import { listPocsUsingModel, loadModelCard } from "@/lib/models/load-model-card";
import { ReliabilityChart } from "./reliability-chart";

// The printable model card: the manifest's claims (intended use, calibration, out-of-distribution
// gate, reuse) and, for a chosen PoC, what was measured there. Exports the same as FHIR / CHAI JSON.
export default async function PrintableModelCardPage({ params, searchParams }: { params: Promise<{ modelId: string }>; searchParams: Promise<{ poc?: string }> }) {
  const user = await requirePagePermission("model:view");
  const { modelId } = await params;
  const pocId = (await searchParams).poc || null;
  const card = await loadModelCard(db(), user, { modelId, pocId, format: "page" }).catch((error) => (isAppError(error) && error.code === "NOT_FOUND" ? null : Promise.reject(error)));
  if (!card) notFound();
  const pocs = await listPocsUsingModel(db(), user, modelId);
  const t = await getTranslations("modelCard.page");
  const tModels = await getTranslations("models");
  const tKpi = await getTranslations("dashboard.kpis");
  const format = await getFormatter();
  const lang = (await getLocale()) === "ja" ? "ja" : "en";
  const { manifest, model, evidence } = card;
  const v2 = manifest.schemaVersion === 2 ? manifest : null;
  const num = (value: number | null | undefined, digits = 3) => (value === null || value === undefined ? "—" : format.number(value, { maximumFractionDigits: digits }));
  const exportHref = (kind: "chai" | "fhir", locale: "ja" | "en") => `/api/models/${model.id}/model-card?format=${kind}&locale=${locale}${card.poc ? `&poc=${card.poc.id}` : ""}`;
  return (
    <section className="stack" data-testid="model-card">
      <h1>{t("title", { name: manifest.name, version: manifest.version })}</h1>
      {manifest.notForClinicalUse && <p className="alert error">{tModels("notForClinicalUse")}</p>}
      <div className="no-print stack">
        <form className="inline" method="get">
          <label>
            {t("evidenceFor")}{" "}
            <select name="poc" defaultValue={card.poc?.id ?? ""}>
              <option value="">{t("noPoc")}</option>
              {pocs.map((poc) => (
                <option key={poc.id} value={poc.id}>
                  {poc.title}
                </option>
              ))}
            </select>
          </label>{" "}
          <button type="submit" className="secondary">{t("choosePoc")}</button>
        </form>
        <p>
          {(["ja", "en"] as const).map((locale) => (
            <span key={locale}>
              <a href={exportHref("chai", locale)} data-testid={`export-chai-${locale}`}>{t("exportChai", { locale })}</a> · <a href={exportHref("fhir", locale)} data-testid={`export-fhir-${locale}`}>{t("exportFhir", { locale })}</a>{" "}
            </span>
          ))}
          <PrintButton label={t("print")} />
        </p>
      </div>
      <div className="panel">
        <h2>{tModels("intendedUse")}</h2>
        <p>{manifest.intendedUse[lang]}</p>
        <h2>{tModels("trainingData")}</h2>
        <p>{manifest.trainingData[lang]}</p>
        <h2>{t("architecture")}</h2>
        <p>{t(v2 ? "architectureV2" : "architectureV1")}</p>
        {model.sharesEncodersWith && <p data-testid="shares-encoders">{t("sharesEncoders", model.sharesEncodersWith)}</p>}
        <dl className="kv">
          <dt>sha256</dt>
          <dd><code>{model.sha256}</code></dd>
          {model.encodersSha256 && (<><dt>{t("encodersSha256")}</dt><dd><code>{model.encodersSha256}</code></dd></>)}
        </dl>
      </div>
      <div className="panel">
        <h2>{t("intendedInputs")}</h2>
        {v2 ? (
          <dl className="kv" data-testid="intended-inputs">
            <dt>{t("modalities")}</dt><dd>{v2.intendedInputs.dicomModalities.join(", ")}</dd>
            <dt>{t("bodyParts")}</dt><dd>{v2.intendedInputs.bodyParts.join(", ")}</dd>
            <dt>{t("photometric")}</dt><dd>{v2.intendedInputs.photometricInterpretations.join(", ")}</dd>
            <dt>{t("pixelSpacing")}</dt><dd>{t("mm", v2.intendedInputs.pixelSpacingMm)}</dd>
            <dt>{t("ages")}</dt><dd>{t("years", v2.intendedInputs.patientAgeYears)}</dd>
          </dl>
        ) : <p>{t("notDeclared")}</p>}
      </div>
      <div className="panel">
        <h2>{t("heldOut")}</h2>
        <table>
          <thead><tr><th>{tModels("inputs")}</th><th>{tModels("method")}</th><th className="num">AUROC</th><th className="num">95% CI</th><th className="num">n</th></tr></thead>
          <tbody>
            {manifest.metrics.auroc.map((entry, index) => (
              <tr key={index}>
                <td>{entry.inputs.map((input) => tModels(`modalities.${input}`)).join(" + ")}</td>
                <td>{tModels(`methods.${entry.method}`)}</td>
                <td className="num">{num(entry.value)}</td>
                <td className="num">{entry.ci95 ? `${num(entry.ci95[0])}–${num(entry.ci95[1])}` : "—"}</td>
                <td className="num">{format.number(entry.n)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {v2 && (
        <div className="panel" data-testid="calibration">
          <h2>{t("calibration")}</h2>
          <p>{t("calibrationSummary", { n: v2.calibration.fittedOnCases, temperature: num(v2.calibration.temperature), heldOut: v2.calibration.heldOut.n })}</p>
          <table>
            <thead><tr><th /><th className="num">{t("ece")}</th><th className="num">{t("slope")}</th><th className="num">{t("intercept")}</th><th className="num">{t("brier")}</th></tr></thead>
            <tbody>
              {(["before", "after"] as const).map((stage) => (
                <tr key={stage}>
                  <th>{t(stage)}</th>
                  <td className="num">{num(v2.calibration.heldOut[stage].ece, 4)}</td>
                  <td className="num">{num(v2.calibration.heldOut[stage].slope)}</td>
                  <td className="num">{num(v2.calibration.heldOut[stage].intercept)}</td>
                  <td className="num">{num(v2.calibration.heldOut[stage].brier, 4)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <ReliabilityChart before={v2.calibration.heldOut.before} after={v2.calibration.heldOut.after} labels={{ title: t("reliability"), before: t("before"), after: t("after"), x: t("meanPredicted"), y: t("observed") }} />
        </div>
      )}
      {v2?.outOfDistribution && (
        <div className="panel" data-testid="out-of-distribution">
          <h2>{t("ood")}</h2>
          <p>{t("oodSummary", { modality: tModels(`modalities.${v2.outOfDistribution.modality}`), threshold: num(v2.outOfDistribution.threshold, 2), quantile: num(v2.outOfDistribution.thresholdQuantile), rate: num(v2.outOfDistribution.falseAlarmRate.value), lower: num(v2.outOfDistribution.falseAlarmRate.ci95[0]), upper: num(v2.outOfDistribution.falseAlarmRate.ci95[1]), n: v2.outOfDistribution.falseAlarmRate.n })}</p>
          <h3>{t("detection")}</h3>
          <table>
            <thead><tr><th>{t("kind")}</th><th className="num">{t("rate")}</th><th className="num">95% CI</th><th className="num">n</th></tr></thead>
            <tbody>
              {v2.outOfDistribution.detectionRate.map((entry) => (
                <tr key={entry.kind}><td>{entry.kind}</td><td className="num">{num(entry.rate)}</td><td className="num">{num(entry.ci95[0])}–{num(entry.ci95[1])}</td><td className="num">{entry.n}</td></tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {v2?.reuse && (
        <div className="panel" data-testid="reuse">
          <h2>{t("reuse")}</h2>
          <p>{t("reuseSummary", { n: v2.reuse.labelledCases, positives: v2.reuse.labelledPositive })}</p>
          <table>
            <thead><tr><th /><th className="num">AUROC</th><th className="num">95% CI</th><th className="num">n</th></tr></thead>
            <tbody>
              {(["headOnly", "fromScratch"] as const).map((kind) => (
                <tr key={kind}><th>{t(kind)}</th><td className="num">{num(v2.reuse![kind].value)}</td><td className="num">{v2.reuse![kind].ci95 ? `${num(v2.reuse![kind].ci95![0])}–${num(v2.reuse![kind].ci95![1])}` : "—"}</td><td className="num">{v2.reuse![kind].n}</td></tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {card.poc && evidence && (
        <div className="panel" data-testid="poc-evidence">
          <h2>{t("pocEvidence")}: <Link href={`/dashboard/${card.poc.id}`}>{card.poc.title}</Link></h2>
          <p>{t("pocCounts", { cases: evidence.cases, outside: evidence.casesOutsideIntendedUse, inferences: evidence.inferences, ood: evidence.inferencesOutOfDistribution })}</p>
          <table>
            <thead><tr><th>{t("kpi")}</th><th className="num">{t("estimate")}</th><th className="num">95% CI</th><th className="num">n</th><th>{tModels("method")}</th></tr></thead>
            <tbody>
              {evidence.kpis.map((kpi) => (
                <tr key={kpi.key}><td>{tKpi.has(kpi.key) ? tKpi(kpi.key) : kpi.key}</td><td className="num">{kpi.n < 5 ? "n<5" : num(kpi.estimate)}</td><td className="num">{kpi.n < 5 ? "—" : `${num(kpi.lower)}–${num(kpi.upper)}`}</td><td className="num">{kpi.n}</td><td>{kpi.method}</td></tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
