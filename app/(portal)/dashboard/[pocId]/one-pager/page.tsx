import Link from "next/link";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { orNotFound } from "@/app/_components/or-not-found";
import { requirePagePermission } from "@/lib/auth/current-user";
import { loadPocDashboard } from "../../load-poc-dashboard";
import { OnePagerView } from "./one-pager-view";

/** The executive one-pager: does it pay off, and how sure are we, on one screen and one A4 page. */
export default async function OnePagerPage({ params }: { params: Promise<{ pocId: string }> }) {
  const user = await requirePagePermission("kpi:view");
  const { pocId } = await params;
  const t = await getTranslations();
  const locale = await getLocale();
  const format = await getFormatter();
  const dashboard = await orNotFound(loadPocDashboard(user, pocId));
  return (
    <section className="stack">
      <div className="page-head">
        <div className="stack gap-1">
          <p className="no-print small">
            <Link href={`/dashboard/${pocId}`}>← {t("onePager.backToDashboard")}</Link>
          </p>
          <h1>
            {t("onePager.title")}: {dashboard.poc.title} {dashboard.poc.isDemo && <span className="badge">{t("app.demoBadge")}</span>}
          </h1>
          <p className="muted">
            {t("dashboard.decisionState")}: {t(`dashboard.decision.${dashboard.poc.decision ?? dashboard.poc.status}`)}
          </p>
        </div>
        <div className="row-actions no-print">
          <a className="button-link" href={`/dashboard/${pocId}/one-pager/pdf`} download data-testid="export-pdf">
            {t("onePager.exportPdf")}
          </a>
          <a className="button-link secondary" href={`/dashboard/${pocId}/one-pager/pptx`} download data-testid="export-pptx">
            {t("onePager.exportPptx")}
          </a>
        </div>
      </div>
      <OnePagerView dashboard={dashboard} t={t} locale={locale} generatedAt={format.dateTime(new Date(), { dateStyle: "long", timeStyle: "short" })} />
    </section>
  );
}
