import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { modelManifestSchema } from "@/lib/inference/manifest";

/** A case's lab values (in the model manifest's order and units) and its de-identified note. */
export async function CaseClinicalData({ manifest, labValues, noteText }: { manifest: unknown; labValues: unknown; noteText: string }) {
  const t = await getTranslations("cases");
  const format = await getFormatter();
  const lang = (await getLocale()) === "ja" ? "ja" : "en";
  const labs = labValues as Record<string, number | null | undefined>;
  return (
    <>
      <div className="panel">
        <h2>{t("labs")}</h2>
        <dl className="kv">
          {modelManifestSchema.parse(manifest).preprocessing.labs.items.map((lab) => (
            <div key={lab.key} style={{ display: "contents" }}>
              <dt>{lab.label[lang]}</dt>
              <dd>{labs[lab.key] === null || labs[lab.key] === undefined ? "—" : `${format.number(labs[lab.key]!)} ${lab.unit}`}</dd>
            </div>
          ))}
        </dl>
      </div>
      <div className="panel">
        <h2>{t("note")}</h2>
        <p className="note-text" data-testid="case-note">
          {noteText || "—"}
        </p>
      </div>
    </>
  );
}
