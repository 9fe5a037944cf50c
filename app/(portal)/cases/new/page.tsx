import { getLocale, getTranslations } from "next-intl/server";
import { requirePagePermission } from "@/lib/auth/current-user";
import { db } from "@/lib/db/client";
import { modelManifestSchema } from "@/lib/inference/manifest";
import { listPocsAcceptingCases } from "@/lib/pocs/list-pocs";
import { NewCaseForm, type PocOption } from "./new-case-client";

export default async function NewCasePage() {
  const user = await requirePagePermission("case:submit");
  const t = await getTranslations("cases");
  const locale = await getLocale();
  const pocs = await listPocsAcceptingCases(db(), user);
  const options: PocOption[] = pocs.map((poc) => ({
    id: poc.id,
    title: poc.title,
    labs: modelManifestSchema.parse(poc.modelVersion.manifest).preprocessing.labs.items.map((item) => ({ key: item.key, label: item.label[locale === "ja" ? "ja" : "en"], unit: item.unit, min: item.plausibleMin, max: item.plausibleMax })),
  }));
  return (
    <section className="stack">
      <h1>{t("newTitle")}</h1>
      <p className="muted">{t("newIntro")}</p>
      {options.length === 0 ? <p className="empty">{t("noRunningPoc")}</p> : <NewCaseForm pocs={options} />}
    </section>
  );
}
