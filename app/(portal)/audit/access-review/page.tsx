import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { accessReviewSchema, type AccessReviewFilter } from "@/lib/audit/schema";
import { summariseCaseAccess } from "@/lib/audit/search-audit-events";
import { requirePagePermission } from "@/lib/auth/current-user";
import { db } from "@/lib/db/client";
import { ActorSelect } from "../actor-select";

/** Who looked at which cases (the MHLW guideline's access review), from the audit log's case.view events. */
export default async function AccessReviewPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requirePagePermission("audit:view");
  const t = await getTranslations();
  const format = await getFormatter();
  const parsed = accessReviewSchema.safeParse(await searchParams);
  const filter: AccessReviewFilter = parsed.success ? parsed.data : {};
  const rows = await summariseCaseAccess(db(), user, filter);
  const dateTime = (value: Date | null) => (value ? format.dateTime(value, { dateStyle: "short", timeStyle: "medium" }) : "—");
  return (
    <section className="stack">
      <p>
        <Link href="/audit">← {t("audit.title")}</Link>
      </p>
      <h1>{t("audit.accessReview.title")}</h1>
      <p className="muted">{t("audit.accessReview.intro")}</p>
      <form method="get" className="row-actions">
        <ActorSelect selected={filter.actorId} viewer={user} />
        <label>
          {t("audit.accessReview.caseId")}
          <input name="caseId" defaultValue={filter.caseId ?? ""} />
        </label>
        <label>
          {t("audit.from")}
          <input type="date" name="from" defaultValue={filter.from ?? ""} />
        </label>
        <label>
          {t("audit.to")}
          <input type="date" name="to" defaultValue={filter.to ?? ""} />
        </label>
        <button type="submit">{t("audit.search")}</button>
        <a href={`/audit/export?${new URLSearchParams({ action: "case.view", ...(filter.actorId ? { actorId: filter.actorId } : {}), ...(filter.caseId ? { entityId: filter.caseId } : {}), ...(filter.from ? { from: filter.from } : {}), ...(filter.to ? { to: filter.to } : {}) })}`} download>
          {t("audit.exportCsv")}
        </a>
      </form>
      {rows.length === 0 ? (
        <p className="empty">{t("audit.accessReview.none")}</p>
      ) : (
        <table data-testid="access-review">
          <thead>
            <tr>
              <th>{t("audit.actor")}</th>
              <th>{t("audit.accessReview.case")}</th>
              <th>{t("poc.title")}</th>
              <th className="num">{t("audit.accessReview.views")}</th>
              <th>{t("audit.accessReview.first")}</th>
              <th>{t("audit.accessReview.last")}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={`${row.actorId}-${row.caseId}`}>
                <td>{row.actor ? `${row.actor.name} (${row.actor.email})` : "—"}</td>
                <td>
                  <Link href={`/audit?${new URLSearchParams({ action: "case.view", entityId: row.caseId ?? "", ...(row.actorId ? { actorId: row.actorId } : {}) })}`}>{row.caseCode ?? row.caseId}</Link>
                </td>
                <td>{row.pocTitle ?? "—"}</td>
                <td className="num">{format.number(row.views)}</td>
                <td>{dateTime(row.firstViewedAt)}</td>
                <td>{dateTime(row.lastViewedAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
