import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { requirePagePermission } from "@/lib/auth/current-user";
import { caseListQuerySchema, searchCases, type CaseListQuery } from "@/lib/cases/search-cases";
import { db } from "@/lib/db/client";
import { listPocChoices } from "@/lib/pocs/list-pocs";
import { ImportOutcomesForm } from "./import-outcomes-client";

export default async function CasesPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requirePagePermission("case:submit");
  const t = await getTranslations("cases");
  const tPacs = await getTranslations("pacs.import");
  const tList = await getTranslations("caseList");
  const tUi = await getTranslations("ui");
  const format = await getFormatter();
  const query = caseListQuerySchema.parse(await searchParams);
  const [list, pocs] = await Promise.all([
    searchCases(db(), user, query),
    listPocChoices(db(), user),
  ]);
  const filtered = query.q !== "" || query.pocId !== "" || query.outcome !== "all";
  const pageHref = (page: number) => `/cases?${new URLSearchParams({ ...(query.q ? { q: query.q } : {}), ...(query.pocId ? { pocId: query.pocId } : {}), ...(query.outcome !== "all" ? { outcome: query.outcome } : {}), page: String(page) } satisfies Partial<Record<keyof CaseListQuery, string>>)}`;
  return (
    <section className="stack">
      <div className="page-head">
        <h1>{t("title")}</h1>
        <Link className="button-link" href="/cases/new">
          {t("new")}
        </Link>
        <Link className="button-link" href="/cases/import">
          {tPacs("link")}
        </Link>
      </div>
      <form className="flex flex-wrap items-end gap-3" role="search" aria-label={tList("searchLabel")} data-testid="case-filters">
        <label>
          {tList("codeSearch")}
          <input name="q" type="search" defaultValue={query.q} placeholder="C-…" maxLength={40} />
        </label>
        <label>
          {t("poc")}
          <select name="pocId" defaultValue={query.pocId}>
            <option value="">{tUi("all")}</option>
            {pocs.map((poc) => (
              <option key={poc.id} value={poc.id}>
                {poc.title}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t("outcome")}
          <select name="outcome" defaultValue={query.outcome}>
            <option value="all">{tUi("all")}</option>
            <option value="recorded">{tList("outcomeRecorded")}</option>
            <option value="missing">{tList("outcomeMissing")}</option>
          </select>
        </label>
        <button type="submit" className="secondary">
          {tUi("filter")}
        </button>
        {filtered && <Link href="/cases">{tUi("clear")}</Link>}
      </form>
      {list.total === 0 ? (
        <p className="empty">{filtered ? tList("noMatch") : t("empty")}</p>
      ) : (
        <>
          <p className="small muted" role="status">
            {tUi("rowsShown", { from: format.number(list.from), to: format.number(list.to), total: format.number(list.total) })}
          </p>
          <div className="table-wrap">
            <table data-testid="case-table">
              <thead>
                <tr>
                  <th>{t("code")}</th>
                  <th>{t("poc")}</th>
                  <th>{t("modality")}</th>
                  <th>{t("inference")}</th>
                  <th className="num">{t("readsDone")}</th>
                  <th>{t("outcome")}</th>
                  <th>{t("submitted")}</th>
                </tr>
              </thead>
              <tbody>
                {list.rows.map((item) => (
                  <tr key={item.id}>
                    <td className="case-code">
                      <Link href={`/cases/${item.id}`}>{item.code}</Link>
                    </td>
                    <td>{item.poc.title}</td>
                    <td>{item.modality}</td>
                    <td>{item.inferences[0] ? t(`inferenceStatus.${item.inferences[0].status}`) : t("inferenceStatus.NONE")}</td>
                    <td className="num">{format.number(item._count.reads)}</td>
                    <td>{item.outcome ? <span className="badge ok">{t("outcomeRecorded")}</span> : "—"}</td>
                    <td className="cell-nowrap">{format.dateTime(item.createdAt, { dateStyle: "medium", timeStyle: "short" })}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {list.pages > 1 && (
            <nav aria-label={tList("pagesLabel")} className="flex items-center gap-3" data-testid="case-pages">
              {list.page > 1 ? <Link href={pageHref(list.page - 1)}>← {tUi("previous")}</Link> : <span className="muted">← {tUi("previous")}</span>}
              <span aria-current="page">{tUi("pageOf", { page: format.number(list.page), pages: format.number(list.pages) })}</span>
              {list.page < list.pages ? <Link href={pageHref(list.page + 1)}>{tUi("next")} →</Link> : <span className="muted">{tUi("next")} →</span>}
            </nav>
          )}
        </>
      )}
      <h2>{t("importTitle")}</h2>
      <p className="muted">{t("importHelp")}</p>
      <ImportOutcomesForm pocs={pocs} />
    </section>
  );
}
