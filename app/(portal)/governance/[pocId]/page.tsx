import Link from "next/link";
import { notFound } from "next/navigation";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { PocTransitions } from "@/app/_components/poc-transitions-client";
import { requirePagePermission } from "@/lib/auth/current-user";
import { can } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { buildWorkQueue, dueSoonWindowDays, parseWorkQueueFilter, workQueueFilters } from "@/lib/governance/build-work-queue";
import { getPocChecklist } from "@/lib/governance/get-governance-overview";
import { ChecklistItemCard } from "./checklist-item-card";

export default async function PocChecklistPage({ params, searchParams }: { params: Promise<{ pocId: string }>; searchParams: Promise<{ filter?: string | string[] }> }) {
  const user = await requirePagePermission("governance:view");
  const { pocId } = await params;
  const filter = parseWorkQueueFilter((await searchParams).filter);
  const checklist = await getPocChecklist(db(), user, pocId);
  if (!checklist) notFound();
  const { poc, progress, history, owners } = checklist;
  const t = await getTranslations();
  const format = await getFormatter();
  const locale = await getLocale();
  const canEdit = can(user.role, "governance:edit");
  const canSign = can(user.role, "governance:sign");
  const ownerOptions = owners.map((owner) => ({ id: owner.id, label: `${owner.name} (${t(`roles.${owner.role}`)})` }));
  const dateTime = (value: Date) => format.dateTime(value, { dateStyle: "medium", timeStyle: "short" });
  const queue = buildWorkQueue(poc.checklistItems, { pocStatus: poc.status, userId: user.id, now: new Date(), filter });
  const itemTitle = (item: { titleJa: string; titleEn: string }) => (locale === "ja" ? item.titleJa : item.titleEn);
  const dueDate = (value: Date | null) => (value ? format.dateTime(value, { dateStyle: "medium", timeZone: "UTC" }) : "—");
  return (
    <section className="stack">
      <p>
        <Link href="/governance">← {t("governance.title")}</Link>
      </p>
      <h1>
        {poc.title} {poc.isDemo && <span className="badge">{t("app.demoBadge")}</span>}
      </h1>
      <p className="muted">{poc.clinicalQuestion}</p>
      {can(user.role, "audit:view") && <Link href={`/audit?pocId=${poc.id}`}>{t("governance.auditForPoc")}</Link>}
      <div className="cards">
        <div className="card">
          {t("poc.status")}
          <span className="metric" data-testid="poc-status">
            {t(`pocStatus.${poc.status}`)}
          </span>
          {poc.decision && (
            <small>
              {t(`pocAdmin.decisions.${poc.decision}`)} · {poc.decidedBy?.name} · {poc.decidedAt && dateTime(poc.decidedAt)}
              <br />
              {poc.decisionReason}
            </small>
          )}
        </div>
        {(["PRE_START", "PRE_DECISION", "ONGOING"] as const).map((phase) => (
          <div className="card" key={phase} data-testid={`progress-${phase}`}>
            {t(`governance.phases.${phase}`)}
            <span className="metric">{t("governance.doneOfTotal", { done: progress.byPhase[phase].done, total: progress.byPhase[phase].total })}</span>
          </div>
        ))}
        <div className="card" data-testid="second-signer-rule">
          {t("governance.secondSignerRule")}
          <span>{t(poc.secondSignerForHighRisk ? "governance.secondSignerRequired" : "governance.secondSignerNotRequired")}</span>
        </div>
        <div className="card">
          {t("poc.site")} / {t("poc.model")}
          <span>
            {locale === "ja" ? poc.site.nameJa : poc.site.nameEn} · {poc.modelVersion.name} {poc.modelVersion.version}
          </span>
        </div>
      </div>
      <PocTransitions
        pocId={poc.id}
        status={poc.status}
        allowed={{ approve: can(user.role, "poc:approve"), start: can(user.role, "poc:start"), beginEvaluation: can(user.role, "poc:start"), decide: can(user.role, "poc:decide") }}
      />

      <section id="queue" className="stack scroll-mt-4" aria-labelledby="queue-title" data-testid="work-queue">
        <h2 id="queue-title">{t("workQueue.title")}</h2>
        <p className="muted small">{t("workQueue.intro")}</p>
        {(queue.overdue.length > 0 || queue.dueSoon.length > 0) && (
          <div className="grid gap-3 md:grid-cols-2">
            {[
              { key: "overdue", list: queue.overdue, title: t("governance.overdueItems") },
              { key: "due-soon", list: queue.dueSoon, title: t("governance.upcomingItems", { days: dueSoonWindowDays }) },
            ].map(({ key, list, title }) =>
              list.length === 0 ? null : (
                <div key={key} className="panel" data-testid={`queue-${key}`}>
                  <h3 className="m-0">{title}</h3>
                  <ul className="m-0 text-sm">
                    {list.map(({ item }) => (
                      <li key={item.id}>
                        <a href={`#item-${item.id}`}>{itemTitle(item)}</a> <span className="muted">· {dueDate(item.dueDate)} · {item.owner?.name ?? t("workQueue.unassigned")}</span>
                      </li>
                    ))}
                  </ul>
                </div>
              ),
            )}
          </div>
        )}
        <nav aria-label={t("workQueue.filtersLabel")} className="tabs">
          {workQueueFilters.map((option) => (
            <Link
              key={option}
              href={option === "all" ? `/governance/${poc.id}#queue` : `/governance/${poc.id}?filter=${option}#queue`}
              className={`tab ${option === filter ? "active" : ""}`}
              aria-current={option === filter ? "page" : undefined}
              data-testid={`queue-filter-${option}`}
            >
              {t(`workQueue.filters.${option}`)} <span className="badge neutral">{format.number(option === "all" ? queue.counts.all : queue.counts[option])}</span>
            </Link>
          ))}
        </nav>
        {queue.entries.length === 0 ? (
          <p className="empty" data-testid="queue-empty">
            {t("workQueue.emptyFilter")}
          </p>
        ) : (
          queue.entries.map(({ item, flags }) => (
            <ChecklistItemCard
              key={item.id}
              item={item}
              flags={flags}
              secondSignerForHighRisk={poc.secondSignerForHighRisk}
              history={history}
              ownerOptions={ownerOptions}
              canEdit={canEdit}
              canSign={canSign}
            />
          ))
        )}
      </section>
    </section>
  );
}
