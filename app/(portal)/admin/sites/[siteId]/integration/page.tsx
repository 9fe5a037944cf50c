import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { requirePagePermission } from "@/lib/auth/current-user";
import { db } from "@/lib/db/client";
import { describeSitePocIntegrations } from "@/lib/integrations/results-to-pacs";
import { describeSiteIntegration } from "@/lib/integrations/site-integration";
import { SiteIntegrationForm } from "./integration-client";
import { PocIntegrations } from "./poc-integrations-client";

export default async function SiteIntegrationPage({ params }: { params: Promise<{ siteId: string }> }) {
  await requirePagePermission("site:manage");
  const { siteId } = await params;
  const t = await getTranslations("pacs.integration");
  const locale = await getLocale();
  const settings = await describeSiteIntegration(db(), siteId);
  if (!settings) notFound();
  const { site, ...current } = settings;
  const pocs = await describeSitePocIntegrations(db(), site.id);
  return (
    <section className="stack">
      <h1>{t("title", { site: `${site.code} ${locale === "ja" ? site.nameJa : site.nameEn}` })}</h1>
      <p>{t("intro")}</p>
      <SiteIntegrationForm siteId={site.id} current={current} />
      <PocIntegrations pocs={pocs} portalOrigin={(process.env.PORTAL_URL ?? "http://localhost:3000").replace(/\/+$/, "")} />
    </section>
  );
}
