import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { CaseClinicalData } from "@/app/_components/case-clinical-data";
import { ImageViewer } from "@/app/_components/image-viewer-client";
import { orNotFound } from "@/app/_components/or-not-found";
import { requirePagePermission } from "@/lib/auth/current-user";
import { can } from "@/lib/auth/permissions";
import { viewCase } from "@/lib/cases/view-case";
import { db } from "@/lib/db/client";
import { loadReleasedAiOutput } from "@/lib/reading/load-ai-output";
import { listWorklist } from "@/lib/reading/manage-reads";
import { OutcomeForm } from "./outcome-client";
import { RunInferenceButton } from "./run-inference-client";

// The case as submitted (de-identified). The AI output shows only when the one blinding rule
// (lib/reading/ai-release.ts) releases it to this user now; otherwise the reason it is hidden.
export default async function CasePage({ params, searchParams }: { params: Promise<{ caseId: string }>; searchParams: Promise<{ submitted?: string }> }) {
  const user = await requirePagePermission("case:view");
  const { caseId } = await params;
  // Unknown, or another site's: the 404 page.
  const item = await orNotFound(viewCase(db(), user, caseId));
  const { release, output: aiOutput } = await loadReleasedAiOutput(db(), user, item.id);
  const t = await getTranslations("cases");
  const tV2 = await getTranslations("modelV2");
  const tUi = await getTranslations("caseList");
  const tAi = await getTranslations("aiRelease");
  const format = await getFormatter();
  const inference = item.inferences[0];
  const submitted = Boolean((await searchParams).submitted);
  // Right after submitting, the reader's own read of this case (if it is open now) is one click away.
  const readNow = submitted && can(user.role, "case:read") ? (await listWorklist(db(), user)).find((read) => read.case.code === item.code && read.available) : undefined;
  return (
    <section className="stack">
      <h1>
        {t("caseTitle", { code: item.code })} <span className="badge">{item.modality}</span>
      </h1>
      {submitted && (
        <div role="status" className="alert success flex flex-wrap items-center justify-between gap-2">
          <span>{t("submittedNotice")}</span>
          {readNow && (
            <Link className="button-link" href={`/reading/${readNow.id}`} prefetch={false} data-testid="read-now">
              {tUi("readNow")}
            </Link>
          )}
        </div>
      )}
      <p className="muted">{item.poc.title}</p>
      {item.outOfIntendedUse && (
        <p className="alert warning" data-testid="case-outside-intended-use">
          {tV2("caseFlags.outsideIntendedUse", { reasons: item.intendedUseReasons.map((reason) => (tV2.has(`reasons.${reason}`) ? tV2(`reasons.${reason}`) : reason)).join(", ") })}
        </p>
      )}
      <div className="two-columns">
        <div className="stack">
          {item.images.map((image) => (
            <ImageViewer key={image.id} caseId={item.id} imageId={image.id} />
          ))}
        </div>
        <div className="stack">
          <CaseClinicalData manifest={item.poc.modelVersion.manifest} labValues={item.labValues} noteText={item.noteText} />
          <div className="panel">
            <h2>{t("inference")}</h2>
            <p data-testid="inference-status">
              {inference ? t(`inferenceStatus.${inference.status}`) : t("inferenceStatus.NONE")}
              {inference?.errorCode && ` — ${t.has(`inferenceErrors.${inference.errorCode}`) ? t(`inferenceErrors.${inference.errorCode}`) : inference.errorCode}`}
            </p>
            {inference?.status === "SUCCEEDED" && <p className="muted">{t("inferenceBlinded", { provider: inference.executionProvider ?? "?", latency: format.number(inference.latencyMs ?? 0, { maximumFractionDigits: 1 }) })}</p>}
            {inference?.status === "SUCCEEDED" && (
              <div data-testid="case-ai-output" data-released={String(release.released)}>
                <h3>{tAi("title")}</h3>
                {!release.released && <p className="muted">{tAi(`withheld.${release.reason}`)}</p>}
                {aiOutput && (
                  <>
                    <p>{tAi("probability", { percent: format.number(aiOutput.probability, { style: "percent", maximumFractionDigits: 1 }) })}</p>
                    <p className="muted">{tAi("model", { name: aiOutput.model.name, version: aiOutput.model.version })}</p>
                    {aiOutput.model.notForClinicalUse && <p className="muted">{tAi("notForClinicalUse")}</p>}
                  </>
                )}
              </div>
            )}
            <p className="muted">{t("readsDoneCount", { count: item._count.reads })}</p>
            {inference?.status !== "SUCCEEDED" && can(user.role, "case:submit") && <RunInferenceButton caseId={item.id} />}
          </div>
          {can(user.role, "outcome:record") && (
            <div className="panel">
              <h2>{t("outcome")}</h2>
              <OutcomeForm caseId={item.id} outcome={item.outcome} />
            </div>
          )}
        </div>
      </div>
    </section>
  );
}
