import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { Suspense } from "react";
import { auditSearchSchema, type AuditSearch } from "@/lib/audit/schema";
import { actorDirectory, searchAuditEvents } from "@/lib/audit/search-audit-events";
import { auditActionPrefixes, auditActions, auditEntityTypes, isAuditAction } from "@/lib/audit/audit-actions";
import { auditChainStatus } from "@/lib/audit/chain-head";
import { summariseAuditDetails } from "@/lib/audit/summarise-details";
import { requirePagePermission } from "@/lib/auth/current-user";
import type { SiteReach } from "@/lib/auth/site-scope";
import { db } from "@/lib/db/client";
import { ActorSelect } from "./actor-select";
import { CheckChainHeadForm } from "./audit-client";

// The filter offers every catalogued action and each domain's prefix, so the list cannot go stale.
const knownActions = [...auditActionPrefixes, ...auditActions];

export default async function AuditPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requirePagePermission("audit:view");
  const t = await getTranslations();
  const format = await getFormatter();
  const parsed = auditSearchSchema.safeParse(await searchParams);
  const search: AuditSearch = parsed.success ? parsed.data : auditSearchSchema.parse({});
  const { total, events, pageCount } = await searchAuditEvents(db(), user, search);
  const actors = await actorDirectory(db(), events.map((event) => event.actorId));
  const { page: _page, ...filters } = search;
  const query = (overrides: Record<string, string | number>) =>
    new URLSearchParams(
      Object.entries({ ...filters, ...overrides }).flatMap(([key, value]): [string, string][] => (value === undefined || value === "" ? [] : [[key, String(value)]])),
    ).toString();
  return (
    <section className="stack">
      <h1>{t("audit.title")}</h1>
      <p className="muted">{t("audit.intro")}</p>
      <p>
        <Link href="/audit/access-review">{t("audit.accessReviewLink")}</Link>
      </p>

      <Suspense fallback={<p className="muted">{t("audit.verifying")}</p>}>
        <ChainStatus viewer={user} />
      </Suspense>

      <form method="get" className="row-actions" data-testid="audit-search">
        <ActorSelect selected={search.actorId} viewer={user} />
        <label>
          {t("audit.action")}
          <input name="action" list="audit-actions" defaultValue={search.action ?? ""} placeholder="checklist." />
          <datalist id="audit-actions">
            {knownActions.map((action) => (
              <option key={action} value={action} />
            ))}
          </datalist>
        </label>
        <label>
          {t("audit.entityType")}
          <select name="entityType" defaultValue={search.entityType ?? ""}>
            <option value="">{t("audit.any")}</option>
            {auditEntityTypes.map((type) => (
              <option key={type} value={type}>
                {t(`auditCatalogue.entityTypes.${type}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t("audit.entityId")}
          <input name="entityId" defaultValue={search.entityId ?? ""} />
        </label>
        <label>
          {t("audit.pocId")}
          <input name="pocId" defaultValue={search.pocId ?? ""} />
        </label>
        <label>
          {t("audit.outcome")}
          <select name="outcome" defaultValue={search.outcome ?? ""}>
            <option value="">{t("audit.any")}</option>
            {(["SUCCESS", "FAILURE", "DENIED"] as const).map((outcome) => (
              <option key={outcome} value={outcome}>
                {t(`audit.outcomes.${outcome}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t("audit.from")}
          <input type="date" name="from" defaultValue={search.from ?? ""} />
        </label>
        <label>
          {t("audit.to")}
          <input type="date" name="to" defaultValue={search.to ?? ""} />
        </label>
        <button type="submit">{t("audit.search")}</button>
        <a href={`/audit/export?${query({})}`} download>
          {t("audit.exportCsv")}
        </a>
      </form>
      {!parsed.success && <p className="alert error">{t("errors.INVALID_INPUT")}</p>}

      <p data-testid="audit-total">{t("audit.total", { total })}</p>
      <div className="table-wrap">
      <table data-testid="audit-events">
        <thead>
          <tr>
            <th className="num">#</th>
            <th>{t("audit.at")}</th>
            <th>{t("audit.actor")}</th>
            <th>{t("audit.action")}</th>
            <th>{t("audit.entity")}</th>
            <th>{t("audit.outcome")}</th>
            <th>{t("audit.details")}</th>
          </tr>
        </thead>
        <tbody>
          {events.map((event) => {
            const actor = event.actorId ? actors.get(event.actorId) : undefined;
            return (
              <tr key={event.seq} data-action={event.action}>
                <td className="num">{event.seq}</td>
                <td className="cell-nowrap">{format.dateTime(event.at, { dateStyle: "short", timeStyle: "medium" })}</td>
                <td>
                  {actor ? actor.name : "—"}
                  {event.actorRole && <small className="muted"> · {t.has(`roles.${event.actorRole}`) ? t(`roles.${event.actorRole}`) : event.actorRole}</small>}
                </td>
                <td>
                  {isAuditAction(event.action) ? t(`auditCatalogue.actions.${event.action}`) : event.action}
                  <br />
                  <small className="muted">{event.action}</small>
                </td>
                <td>
                  {event.entityType && (t.has(`auditCatalogue.entityTypes.${event.entityType}`) ? t(`auditCatalogue.entityTypes.${event.entityType}`) : event.entityType)}
                  {event.entityId && <small className="muted block break-all"> {event.entityId}</small>}
                </td>
                <td>
                  <span className={`badge ${event.outcome === "SUCCESS" ? "ok" : "danger"} outcome-${event.outcome.toLowerCase()}`}>{t(`audit.outcomes.${event.outcome}`)}</span>
                </td>
                <td className="max-w-[22rem]">
                  <AuditDetails details={event.details} moreLabel={(count: number) => t("auditView.more", { count })} />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      </div>
      <nav className="row-actions" aria-label={t("audit.pages")}>
        {search.page > 1 && <Link href={`/audit?${query({ page: search.page - 1 })}`}>← {t("audit.newer")}</Link>}
        <span>{t("audit.pageOf", { page: search.page, pageCount })}</span>
        {search.page < pageCount && <Link href={`/audit?${query({ page: search.page + 1 })}`}>{t("audit.older")} →</Link>}
      </nav>

      <h2>{t("audit.checkHead")}</h2>
      <p className="muted">{t("audit.checkHeadHint")}</p>
      <CheckChainHeadForm />
    </section>
  );
}

async function ChainStatus({ viewer }: { viewer: SiteReach }) {
  const t = await getTranslations("audit");
  const verification = await auditChainStatus(db(), viewer);
  return (
    <div className={verification.firstBreak ? "alert error" : "card"} data-testid="chain-status">
      {verification.firstBreak ? (
        <p>{t("chainBroken", { seq: verification.firstBreak.seq, problem: t(`chainProblems.${verification.firstBreak.problem}`), checked: verification.rowsChecked })}</p>
      ) : (
        <p>
          {t("chainIntact", { checked: verification.rowsChecked })}
          {verification.head && <small className="muted"> · {t("head", { seq: verification.head.seq, hash: `${verification.head.hash.slice(0, 16)}…` })}</small>}
        </p>
      )}
      {!verification.firstBreak && verification.head && (
        <a href="/audit/chain-head" download>
          {t("exportHead")}
        </a>
      )}
    </div>
  );
}

/** The details as a one-line summary; the whole JSON unfolds on demand (it can be long). */
function AuditDetails({ details, moreLabel }: { details: unknown; moreLabel: (count: number) => string }) {
  const summary = summariseAuditDetails(details);
  if (!summary.text) return null;
  return (
    <details className="text-xs">
      <summary className="cursor-pointer break-words">
        {summary.text}
        {summary.more > 0 && <span className="muted"> {moreLabel(summary.more)}</span>}
      </summary>
      <code className="details block break-all whitespace-pre-wrap">{JSON.stringify(details, null, 1)}</code>
    </details>
  );
}
