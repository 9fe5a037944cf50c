import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { isAuditAction } from "@/lib/audit/audit-actions";
import type { getPocChecklist } from "@/lib/governance/get-governance-overview";
import type { WorkQueueFlags } from "@/lib/governance/build-work-queue";
import { CommentForm, EvidenceForms, ItemWorkForm, SignOffForm } from "./checklist-client";

type Checklist = NonNullable<Awaited<ReturnType<typeof getPocChecklist>>>;
type Item = Checklist["poc"]["checklistItems"][number];

/** One checklist item in the work queue: what it is and where it stands at a glance; the forms fold away. */
export async function ChecklistItemCard(props: {
  item: Item;
  flags: WorkQueueFlags;
  secondSignerForHighRisk: boolean;
  history: Checklist["history"];
  ownerOptions: { id: string; label: string }[];
  canEdit: boolean;
  canSign: boolean;
}) {
  const { item, flags, history, canEdit, canSign } = props;
  const t = await getTranslations();
  const format = await getFormatter();
  const locale = await getLocale();
  const dateTime = (value: Date) => format.dateTime(value, { dateStyle: "medium", timeStyle: "short" });
  const latestSignOff = item.signOffs.at(-1);
  const awaiting = item.status === "AWAITING_SECOND_SIGNATURE" && latestSignOff ? latestSignOff : null;
  const evidenceNeeded = locale === "ja" ? item.evidenceJa : item.evidenceEn;
  return (
    <article id={`item-${item.id}`} className={`card stack scroll-mt-4 ${flags.blocking ? "border-l-4 border-l-danger" : ""}`} data-testid={`item-${item.key}`}>
      <header className="flex flex-wrap items-start justify-between gap-2">
        <div className="stack gap-1">
          <h3 className="m-0">{locale === "ja" ? item.titleJa : item.titleEn}</h3>
          <span className="flex flex-wrap items-center gap-1.5">
            <span className={`badge ${item.status === "APPROVED" || item.status === "NOT_APPLICABLE" ? "ok" : "neutral"} checklist-${item.status.toLowerCase()}`} data-testid="item-status">
              {t(`governance.statuses.${item.status}`)}
            </span>
            {flags.blocking && <span className="badge danger">{t("workQueue.flags.blocking")}</span>}
            {flags.overdue && <span className="badge danger">{t("workQueue.flags.overdue")}</span>}
            {flags.dueSoon && <span className="badge">{t("workQueue.flags.dueSoon")}</span>}
            <span className="badge info">{t(`governance.phases.${item.phase}`)}</span>
            <span className="badge neutral">{t(`governance.families.${item.family}`)}</span>
            {item.highRisk && (
              <span className="badge" data-testid="high-risk">
                {t(props.secondSignerForHighRisk ? "governance.highRiskTwoSigners" : "governance.highRisk")}
              </span>
            )}
          </span>
        </div>
        <dl className="kv text-sm">
          <dt>{t("governance.owner")}</dt>
          <dd>{item.owner?.name ?? t("workQueue.unassigned")}</dd>
          <dt>{t("governance.dueDate")}</dt>
          <dd>{item.dueDate ? format.dateTime(item.dueDate, { dateStyle: "medium", timeZone: "UTC" }) : "—"}</dd>
        </dl>
      </header>
      <p className="small muted">
        {t("governance.evidenceNeeded")}: {evidenceNeeded}
        {item.requiresEvidence && ` (${t("governance.evidenceRequiredToApprove")})`}
      </p>
      <p className="small muted">
        {t("governance.frameworksLabel")}: {item.frameworks.map((framework) => (t.has(`governance.frameworks.${framework}`) ? t(`governance.frameworks.${framework}`) : framework)).join(" · ")}
      </p>
      {awaiting && (
        <p className="small" data-testid="awaiting-second-signature">
          {t("governance.awaitingSecondSignature", { verdict: t(`governance.statuses.${awaiting.status}`), name: awaiting.signer.name })}
        </p>
      )}
      {(item.status === "NOT_APPLICABLE" || awaiting?.status === "NOT_APPLICABLE") && item.naReason && (
        <p className="small">
          {t("governance.naReason")}: {item.naReason}
        </p>
      )}

      <div className="grid gap-3 md:grid-cols-2">
        <div className="stack gap-1">
          <h4 className="m-0 text-sm font-semibold">{t("governance.evidence")}</h4>
          {item.evidence.length === 0 ? (
            <p className="small muted">{t("governance.noEvidence")}</p>
          ) : (
            <ul data-testid="evidence-list" className="m-0 text-sm">
              {item.evidence.map((evidence) => (
                <li key={evidence.id} className="break-words">
                  {evidence.kind === "FILE" ? (
                    <a href={`/api/evidence/${evidence.id}`}>{evidence.fileName}</a>
                  ) : (
                    <a href={evidence.url ?? "#"} rel="noopener noreferrer nofollow" target="_blank">
                      {evidence.url}
                    </a>
                  )}{" "}
                  {evidence.description && <span>— {evidence.description}</span>}{" "}
                  <span className="muted">
                    {evidence.kind === "FILE" && evidence.sizeBytes !== null && `${format.number(evidence.sizeBytes / 1024, { maximumFractionDigits: 1 })} KB · sha256 ${evidence.sha256?.slice(0, 12)}… · `}
                    {evidence.addedBy.name} · {dateTime(evidence.createdAt)}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </div>
        <div className="stack gap-1">
          <h4 className="m-0 text-sm font-semibold">{t("governance.signOffs")}</h4>
          {item.signOffs.length === 0 ? (
            <p className="small muted">{t("governance.noSignOffs")}</p>
          ) : (
            <ol data-testid="sign-off-list" className="m-0 text-sm">
              {item.signOffs.map((signOff) => (
                <li key={signOff.id}>
                  {t(`governance.statuses.${signOff.status}`)} · {signOff.signer.name} · {dateTime(signOff.signedAt)} — {signOff.statement}
                  {signOff.supersedesId && <span className="muted"> ({t(signOff.confirmsPrevious ? "governance.confirmsPrevious" : "governance.supersedesPrevious")})</span>}
                </li>
              ))}
            </ol>
          )}
        </div>
      </div>
      {item.comments.length > 0 && (
        <div className="stack gap-1">
          <h4 className="m-0 text-sm font-semibold">{t("governance.comments")}</h4>
          {item.comments.map((comment) => (
            <p key={comment.id} className="text-sm">
              <span className="muted">
                {comment.author.name} · {dateTime(comment.createdAt)}
              </span>
              <br />
              {comment.body}
            </p>
          ))}
        </div>
      )}

      {(canEdit || canSign) && (
        <details className="rounded-control border border-line bg-subtle" data-testid="item-forms">
          <summary className="cursor-pointer px-3 py-2 font-medium text-brand">{t("workQueue.workOnItem")}</summary>
          <div className="stack border-t border-line p-3">
            {canEdit && <EvidenceForms itemId={item.id} />}
            {canSign && <SignOffForm itemId={item.id} evidenceNeeded={evidenceNeeded} awaitingNaReason={awaiting?.status === "NOT_APPLICABLE" ? item.naReason : null} />}
            {canEdit && (
              <ItemWorkForm item={{ id: item.id, ownerId: item.ownerId, dueDate: item.dueDate?.toISOString().slice(0, 10) ?? null, status: item.status }} owners={props.ownerOptions} />
            )}
            {canEdit && <CommentForm itemId={item.id} />}
          </div>
        </details>
      )}

      <details>
        <summary className="cursor-pointer text-sm text-muted">{t("governance.history")}</summary>
        <ol className="text-sm">
          {(history.get(item.id) ?? []).map((event) => (
            <li key={event.seq}>
              #{event.seq} · {dateTime(event.at)} · {event.actorName ?? "—"} · {isAuditAction(event.action) ? t(`auditCatalogue.actions.${event.action}`) : event.action}
              {event.outcome !== "SUCCESS" && ` · ${t(`audit.outcomes.${event.outcome}`)}`}
            </li>
          ))}
        </ol>
      </details>
    </article>
  );
}
