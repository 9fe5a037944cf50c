import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { requirePagePermission } from "@/lib/auth/current-user";
import { db } from "@/lib/db/client";
import { listDashboardPocs } from "@/lib/kpi/get-kpi-dashboard";
import { buildOnePager } from "@/lib/reporting/build-one-pager";
import { formatYenCompact } from "@/lib/reporting/format-yen";
import { loadPocDashboard } from "../load-poc-dashboard";

const verdictBadge = { likely: "ok", uncertain: "", unlikely: "danger", unknown: "neutral" } as const;

/** The portfolio on one page: per PoC, does it pay off, how sure, and what would settle it. */
export default async function PortfolioPage() {
  const user = await requirePagePermission("kpi:view");
  const t = await getTranslations();
  const locale = await getLocale();
  const pocs = await listDashboardPocs(db(), user);
  const dashboards = await Promise.all(pocs.map((poc) => loadPocDashboard(user, poc.id)));
  const rows = dashboards.map((dashboard) => ({
    dashboard,
    page: buildOnePager({ kpis: dashboard.kpis, roi: dashboard.roi, measured: dashboard.measured, primaryKpi: dashboard.poc.kpiTargets.find((target) => target.isPrimary)?.kpi ?? null }),
  }));
  const percent = (value: number | null) => (value === null ? "—" : new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 0 }).format(value));
  const yen = (value: number | null) => (value === null ? "—" : formatYenCompact(value, locale));
  const count = (verdict: keyof typeof verdictBadge) => rows.filter((row) => row.page.roi.verdict === verdict).length;
  return (
    <section className="stack">
      <h1>{t("portfolio.title")}</h1>
      <p className="muted">{t("portfolio.intro")}</p>
      {rows.length === 0 ? (
        <p className="empty">{t("dashboard.noPocs")}</p>
      ) : (
        <>
          <ul className="m-0 grid list-none grid-cols-[repeat(auto-fill,minmax(12rem,1fr))] gap-3 p-0" data-testid="portfolio-counts">
            {(["likely", "uncertain", "unlikely", "unknown"] as const).map((verdict) => (
              <li key={verdict} className="panel gap-0.5">
                <span className="text-2xl font-bold tabular-nums">{count(verdict)}</span>
                <span className="small">{t(`onePager.payoff.${verdict}`)}</span>
              </li>
            ))}
          </ul>
          <div className="table-wrap">
            <table data-testid="portfolio">
              <thead>
                <tr>
                  <th>PoC</th>
                  <th>{t("dashboard.decisionState")}</th>
                  <th>{t("onePager.doesItPay")}</th>
                  <th className="num">{t("onePager.roi.probabilityPositive")}</th>
                  <th className="num">{t("portfolio.npvRange")}</th>
                  <th>{t("onePager.roi.payback")}</th>
                  <th className="num">{t("portfolio.targets")}</th>
                  <th>{t("onePager.unsettledTitle")}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map(({ dashboard, page }) => (
                  <tr key={dashboard.poc.id}>
                    <td>
                      <Link href={`/dashboard/${dashboard.poc.id}/one-pager`}>{dashboard.poc.title}</Link>
                    </td>
                    <td>{t(`dashboard.decision.${dashboard.poc.decision ?? dashboard.poc.status}`)}</td>
                    <td>
                      <span className={`badge ${verdictBadge[page.roi.verdict]}`}>{t(`onePager.payoff.${page.roi.verdict}`)}</span>
                    </td>
                    <td className="num">{percent(page.roi.probabilityNpvPositive)}</td>
                    <td className="num">{page.roi.npvP5Jpy === null ? "—" : `${yen(page.roi.npvP5Jpy)} – ${yen(page.roi.npvP95Jpy)}`}</td>
                    <td>{page.roi.paybackMonth === null ? t("dashboard.noPayback") : t("dashboard.paybackMonths", { month: page.roi.paybackMonth })}</td>
                    <td className="num">{t("portfolio.metOf", { met: page.met, total: page.tiles.length })}</td>
                    <td className="small">
                      {page.unsettled.length === 0
                        ? "—"
                        : page.unsettled.map((item) => `${t(`dashboard.kpis.${item.key}`)}${item.additionalN !== null ? ` (+${item.additionalN})` : ""}`).join(" · ")}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <p className="small muted">{t("portfolio.unsettledNote")}</p>
        </>
      )}
    </section>
  );
}
