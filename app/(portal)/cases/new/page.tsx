import { getLocale, getTranslations } from "next-intl/server";
import { requirePagePermission } from "@/lib/auth/current-user";
import { db } from "@/lib/db/client";
import { modelManifestSchema } from "@/lib/inference/manifest";
import { NewCaseForm, type PocOption } from "./new-case-client";

export default async function NewCasePage() {
  const user = await requirePagePermission("case:submit");
  const t = await getTranslations("cases");
  const locale = await getLocale();
  const pocs = await db().poc.findMany({ where: { siteId: { in: user.siteIds }, status: "RUNNING" }, include: { modelVersion: { select: { manifest: true } } }, orderBy: { createdAt: "desc" } });
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
