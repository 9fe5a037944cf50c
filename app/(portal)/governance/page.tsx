import Link from "next/link";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { requirePagePermission } from "@/lib/auth/current-user";
import { can } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { complianceFrameworks } from "@/lib/governance/frameworks";
import { getGovernanceOverview, upcomingWindowDays } from "@/lib/governance/get-governance-overview";

const percent = (tally: { total: number; done: number }) => (tally.total === 0 ? 0 : tally.done / tally.total);

export default async function GovernancePage() {
  const user = await requirePagePermission("governance:view");
  const t = await getTranslations();
  const format = await getFormatter();
  const locale = await getLocale();
  const overview = await getGovernanceOverview(db(), user);
  const frameworks = complianceFrameworks.filter((framework) => overview.overall.byFramework[framework]);
  return (
    <section className="stack">
      <h1>{t("governance.title")}</h1>
      <p className="muted">{t("governance.intro")}</p>
      {can(user.role, "governance:template") && <Link href="/governance/templates">{t("governance.templates.link")}</Link>}
      {overview.pocs.length === 0 ? (
        <p className="empty">{t("home.noPocs")}</p>
      ) : (
        <table data-testid="governance-pocs">
          <caption>{t("governance.progressCaption")}</caption>
          <thead>
            <tr>
              <th>{t("poc.title")}</th>
              <th>{t("poc.site")}</th>
              <th>{t("poc.status")}</th>
              <th className="num">{t("governance.phases.PRE_START")}</th>
              <th className="num">{t("governance.phases.PRE_DECISION")}</th>
              <th className="num">{t("governance.phases.ONGOING")}</th>
              <th className="num">{t("governance.overdue")}</th>
            </tr>
          </thead>
          <tbody>
            {overview.pocs.map((poc) => (
              <tr key={poc.id}>
                <td>
                  <Link href={`/governance/${poc.id}`}>{poc.title}</Link> {poc.isDemo && <span className="badge">{t("app.demoBadge")}</span>}
                </td>
                <td>{locale === "ja" ? poc.site.nameJa : poc.site.nameEn}</td>
                <td>
                  <span className={`status status-${poc.status.toLowerCase()}`}>{t(`pocStatus.${poc.status}`)}</span>
                </td>
                {(["PRE_START", "PRE_DECISION", "ONGOING"] as const).map((phase) => (
                  <td key={phase} className="num">
                    {t("governance.doneOfTotal", { done: poc.progress.byPhase[phase].done, total: poc.progress.byPhase[phase].total })}
                  </td>
                ))}
                <td className="num">{poc.progress.overdue > 0 ? <strong className="danger">{format.number(poc.progress.overdue)}</strong> : "0"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <h2>{t("governance.frameworkCoverage")}</h2>
      <p className="muted">{t("governance.frameworkCoverageHint")}</p>
      <table data-testid="framework-coverage">
        <thead>
          <tr>
            <th>{t("governance.framework")}</th>
            <th className="num">{t("governance.itemsDone")}</th>
            <th>{t("governance.coverage")}</th>
          </tr>
        </thead>
        <tbody>
          {frameworks.map((framework) => {
            const tally = overview.overall.byFramework[framework]!;
            return (
              <tr key={framework}>
                <td>{t(`governance.frameworks.${framework}`)}</td>
                <td className="num">{t("governance.doneOfTotal", { done: tally.done, total: tally.total })}</td>
                <td>
                  <meter min={0} max={1} value={percent(tally)} aria-label={t(`governance.frameworks.${framework}`)} /> {format.number(percent(tally), { style: "percent" })}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>

      <h2>{t("governance.overdueItems")}</h2>
      <DueList items={overview.overdue} empty={t("governance.noOverdue")} />
      <h2>{t("governance.upcomingItems", { days: upcomingWindowDays })}</h2>
      <DueList items={overview.upcoming} empty={t("governance.noUpcoming")} />
    </section>
  );
}

async function DueList({ items, empty }: { items: Awaited<ReturnType<typeof getGovernanceOverview>>["overdue"]; empty: string }) {
  const t = await getTranslations();
  const format = await getFormatter();
  const locale = await getLocale();
  if (items.length === 0) return <p className="empty">{empty}</p>;
  return (
    <table>
      <thead>
        <tr>
          <th>{t("governance.dueDate")}</th>
          <th>{t("poc.title")}</th>
          <th>{t("governance.item")}</th>
          <th>{t("governance.owner")}</th>
        </tr>
      </thead>
      <tbody>
        {items.map((item) => (
          <tr key={item.itemId}>
            <td>{format.dateTime(item.dueDate, { dateStyle: "medium", timeZone: "UTC" })}</td>
            <td>{item.pocTitle}</td>
            <td>
              <Link href={`/governance/${item.pocId}#item-${item.itemId}`}>{locale === "ja" ? item.titleJa : item.titleEn}</Link>
            </td>
            <td>{item.ownerName ?? "—"}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
