import { getLocale, getTranslations } from "next-intl/server";
import { requirePagePermission } from "@/lib/auth/current-user";
import { db } from "@/lib/db/client";
import { builtInChecklistTemplates } from "@/lib/governance/checklist-templates";
import { listSiteChecklistTemplates } from "@/lib/governance/create-checklist-template-item";
import { listSites } from "@/lib/sites/manage-sites";
import { CreateTemplateItemForm, SecondSignerRuleForm } from "./templates-client";

export default async function ChecklistTemplatesPage() {
  await requirePagePermission("governance:template");
  const t = await getTranslations();
  const locale = await getLocale();
  const [siteTemplates, sites] = await Promise.all([listSiteChecklistTemplates(db()), listSites(db())]);
  const yesNo = (value: boolean) => t(value ? "governance.templates.yes" : "governance.templates.no");
  const frameworkNames = (codes: string[]) => codes.map((code) => (t.has(`governance.frameworks.${code}`) ? t(`governance.frameworks.${code}`) : code)).join(" · ");
  return (
    <section className="stack">
      <h1>{t("governance.templates.title")}</h1>
      <p className="muted">{t("governance.templates.intro")}</p>
      <h2>{t("governance.secondSignerRule")}</h2>
      <p className="muted">{t("governance.templates.secondSignerIntro")}</p>
      <table data-testid="second-signer-rules">
        <tbody>
          {sites.map((site) => (
            <tr key={site.id} data-testid={`second-signer-rule-${site.code}`}>
              <td>
                {site.code} · {locale === "ja" ? site.nameJa : site.nameEn}
              </td>
              <td>
                <SecondSignerRuleForm siteId={site.id} required={site.secondSignerForHighRisk} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>{t("governance.templates.siteItems")}</h2>
      {siteTemplates.length === 0 ? (
        <p className="empty">{t("governance.templates.noSiteItems")}</p>
      ) : (
        <table data-testid="site-templates">
          <thead>
            <tr>
              <th>{t("poc.site")}</th>
              <th>{t("governance.family")}</th>
              <th>{t("governance.phase")}</th>
              <th>{t("governance.item")}</th>
              <th>{t("governance.frameworksLabel")}</th>
              <th>{t("governance.templates.requiresEvidenceColumn")}</th>
              <th>{t("governance.highRisk")}</th>
            </tr>
          </thead>
          <tbody>
            {siteTemplates.map((template) => (
              <tr key={template.id}>
                <td>{template.site?.code}</td>
                <td>{t(`governance.families.${template.family}`)}</td>
                <td>{t(`governance.phases.${template.phase}`)}</td>
                <td>
                  {locale === "ja" ? template.titleJa : template.titleEn}
                  <br />
                  <small className="muted">{locale === "ja" ? template.evidenceJa : template.evidenceEn}</small>
                </td>
                <td>{frameworkNames(template.frameworks)}</td>
                <td>{yesNo(template.requiresEvidence)}</td>
                <td>{yesNo(template.highRisk)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h2>{t("governance.templates.add")}</h2>
      <CreateTemplateItemForm sites={sites.map((site) => ({ id: site.id, label: `${site.code} · ${locale === "ja" ? site.nameJa : site.nameEn}` }))} />
      <h2>{t("governance.templates.builtIn")}</h2>
      <table>
        <thead>
          <tr>
            <th>{t("governance.family")}</th>
            <th>{t("governance.phase")}</th>
            <th>{t("governance.item")}</th>
            <th>{t("governance.frameworksLabel")}</th>
            <th>{t("governance.templates.requiresEvidenceColumn")}</th>
            <th>{t("governance.highRisk")}</th>
          </tr>
        </thead>
        <tbody>
          {builtInChecklistTemplates.map((template) => (
            <tr key={template.key}>
              <td>{t(`governance.families.${template.family}`)}</td>
              <td>{t(`governance.phases.${template.phase}`)}</td>
              <td>
                {template.title[locale === "ja" ? "ja" : "en"]}
                <br />
                <small className="muted">{template.evidence[locale === "ja" ? "ja" : "en"]}</small>
              </td>
              <td>{frameworkNames(template.frameworks)}</td>
              <td>{yesNo(template.requiresEvidence)}</td>
              <td>{yesNo(template.highRisk)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
