import Link from "next/link";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { requirePagePermission } from "@/lib/auth/current-user";
import { can } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { modelManifestSchema } from "@/lib/inference/manifest";
import { findModelVersion } from "@/lib/models/list-models";
import { DeleteModelButton, RetireModelButton } from "./delete-model-client";

// The model card: what the model is for, what it was trained on, and how well it did, with n and CI.
export default async function ModelCardPage({ params }: { params: Promise<{ modelId: string }> }) {
  const user = await requirePagePermission("model:view");
  const model = await findModelVersion(db(), (await params).modelId);
  if (!model) notFound();
  const t = await getTranslations("models");
  const tCard = await getTranslations("modelCard.page");
  const format = await getFormatter();
  const lang = (await getLocale()) === "ja" ? "ja" : "en";
  const manifest = modelManifestSchema.parse(model.manifest);
  const percent = (value: number) => format.number(value, { maximumFractionDigits: 3 });
  return (
    <section className="stack">
      <h1>
        {t("cardTitle", { name: manifest.name, version: manifest.version })}
      </h1>
      <p>
        <Link href={`/models/${model.id}/card`} data-testid="model-card-link">
          {tCard("open")}
        </Link>
      </p>
      {manifest.notForClinicalUse && (
        <p className="alert error" data-testid="not-for-clinical-use">
          {t("notForClinicalUse")}
        </p>
      )}
      <div className="two-columns">
        <div className="stack">
          <div className="panel">
            <h2>{t("intendedUse")}</h2>
            <p>{manifest.intendedUse[lang]}</p>
            <h2>{t("trainingData")}</h2>
            <p>{manifest.trainingData[lang]}</p>
          </div>
          <div className="panel">
            <h2>{t("metrics")}</h2>
            <table>
              <thead>
                <tr>
                  <th>{t("inputs")}</th>
                  <th>{t("method")}</th>
                  <th className="num">AUROC</th>
                  <th className="num">95% CI</th>
                  <th className="num">n</th>
                </tr>
              </thead>
              <tbody>
                {manifest.metrics.auroc.map((entry, index) => (
                  <tr key={index}>
                    <td>{entry.inputs.map((input) => t(`modalities.${input}`)).join(" + ")}</td>
                    <td>{t(`methods.${entry.method}`)}</td>
                    <td className="num">{percent(entry.value)}</td>
                    <td className="num">{entry.ci95 ? `${percent(entry.ci95[0])}–${percent(entry.ci95[1])}` : "—"}</td>
                    <td className="num">{format.number(entry.n)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            {manifest.metrics.dice && (
              <p>
                {t("dice", { value: percent(manifest.metrics.dice.value), n: manifest.metrics.dice.n })}
              </p>
            )}
          </div>
        </div>
        <div className="panel">
          <h2>{t("contract")}</h2>
          <dl className="kv">
            <dt>sha256</dt>
            <dd>
              <code>{model.sha256}</code>
            </dd>
            <dt>{t("size")}</dt>
            <dd>{format.number(model.fileBytes / 1024, { maximumFractionDigits: 1 })} KB</dd>
            {manifest.inputs.map((input) => (
              <div key={input.name} style={{ display: "contents" }}>
                <dt>{input.name}</dt>
                <dd>
                  {input.dtype} [{input.shape.join(", ")}]
                </dd>
              </div>
            ))}
          </dl>
          <h2>{t("labs")}</h2>
          <table>
            <tbody>
              {manifest.preprocessing.labs.items.map((lab) => (
                <tr key={lab.key}>
                  <td>{lab.label[lang]}</td>
                  <td>{lab.unit}</td>
                  <td className="num">
                    {lab.plausibleMin}–{lab.plausibleMax}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {can(user.role, "model:manage") && (
            <div className="row-actions">
              {model.status === "ACTIVE" && <RetireModelButton modelVersionId={model.id} />}
              <DeleteModelButton modelVersionId={model.id} />
            </div>
          )}
        </div>
      </div>
    </section>
  );
}
