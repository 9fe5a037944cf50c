import Link from "next/link";
import { notFound } from "next/navigation";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { PocTransitions } from "@/app/_components/poc-transitions-client";
import { isAuditAction } from "@/lib/audit/audit-actions";
import { requirePagePermission } from "@/lib/auth/current-user";
import { can } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { checklistFamilies } from "@/lib/governance/frameworks";
import { getPocChecklist } from "@/lib/governance/get-governance-overview";
import { CommentForm, EvidenceForms, ItemWorkForm, SignOffForm } from "./checklist-client";

export default async function PocChecklistPage({ params }: { params: Promise<{ pocId: string }> }) {
  const user = await requirePagePermission("governance:view");
  const { pocId } = await params;
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

      {checklistFamilies.map((family) => {
        const items = poc.checklistItems.filter((item) => item.family === family);
        if (items.length === 0) return null;
        return (
          <section key={family} className="stack">
            <h2>{t(`governance.families.${family}`)}</h2>
            {items.map((item) => {
              const latestSignOff = item.signOffs.at(-1);
              const awaiting = item.status === "AWAITING_SECOND_SIGNATURE" && latestSignOff ? latestSignOff : null;
              return (
              <article key={item.id} id={`item-${item.id}`} className="card stack" data-testid={`item-${item.key}`}>
                <header className="stack">
                  <strong>{locale === "ja" ? item.titleJa : item.titleEn}</strong>
                  <span>
                    <span className="badge">{t(`governance.phases.${item.phase}`)}</span>{" "}
                    <span className={`status checklist-${item.status.toLowerCase()}`} data-testid="item-status">
                      {t(`governance.statuses.${item.status}`)}
                    </span>
                    {item.highRisk && (
                      <>
                        {" "}
                        <span className="badge" data-testid="high-risk">
                          {t(poc.secondSignerForHighRisk ? "governance.highRiskTwoSigners" : "governance.highRisk")}
                        </span>
                      </>
                    )}
                  </span>
                  <small className="muted">
                    {t("governance.evidenceNeeded")}: {locale === "ja" ? item.evidenceJa : item.evidenceEn}
                    {item.requiresEvidence && ` (${t("governance.evidenceRequiredToApprove")})`}
                  </small>
                  <small className="muted">
                    {t("governance.frameworksLabel")}: {item.frameworks.map((framework) => (t.has(`governance.frameworks.${framework}`) ? t(`governance.frameworks.${framework}`) : framework)).join(" · ")}
                  </small>
                  <small>
                    {t("governance.owner")}: {item.owner?.name ?? "—"} · {t("governance.dueDate")}: {item.dueDate ? format.dateTime(item.dueDate, { dateStyle: "medium", timeZone: "UTC" }) : "—"}
                  </small>
                  {awaiting && (
                    <small data-testid="awaiting-second-signature">
                      {t("governance.awaitingSecondSignature", { verdict: t(`governance.statuses.${awaiting.status}`), name: awaiting.signer.name })}
                    </small>
                  )}
                  {(item.status === "NOT_APPLICABLE" || awaiting?.status === "NOT_APPLICABLE") && item.naReason && (
                    <small>
                      {t("governance.naReason")}: {item.naReason}
                    </small>
                  )}
                </header>

                <div className="stack">
                  <h3>{t("governance.evidence")}</h3>
                  {item.evidence.length === 0 ? (
                    <small className="muted">{t("governance.noEvidence")}</small>
                  ) : (
                    <ul data-testid="evidence-list">
                      {item.evidence.map((evidence) => (
                        <li key={evidence.id}>
                          {evidence.kind === "FILE" ? (
                            <a href={`/api/evidence/${evidence.id}`}>{evidence.fileName}</a>
                          ) : (
                            <a href={evidence.url ?? "#"} rel="noopener noreferrer nofollow" target="_blank">
                              {evidence.url}
                            </a>
                          )}{" "}
                          {evidence.description && <span>— {evidence.description}</span>}{" "}
                          <small className="muted">
                            {evidence.kind === "FILE" && evidence.sizeBytes !== null && `${format.number(evidence.sizeBytes / 1024, { maximumFractionDigits: 1 })} KB · sha256 ${evidence.sha256?.slice(0, 12)}… · `}
                            {evidence.addedBy.name} · {dateTime(evidence.createdAt)}
                          </small>
                        </li>
                      ))}
                    </ul>
                  )}
                  {canEdit && <EvidenceForms itemId={item.id} />}
                </div>

                <div className="stack">
                  <h3>{t("governance.signOffs")}</h3>
                  {item.signOffs.length === 0 ? (
                    <small className="muted">{t("governance.noSignOffs")}</small>
                  ) : (
                    <ol data-testid="sign-off-list">
                      {item.signOffs.map((signOff) => (
                        <li key={signOff.id}>
                          {t(`governance.statuses.${signOff.status}`)} · {signOff.signer.name} · {dateTime(signOff.signedAt)} — {signOff.statement}
                          {signOff.supersedesId && <small className="muted"> ({t(signOff.confirmsPrevious ? "governance.confirmsPrevious" : "governance.supersedesPrevious")})</small>}
                        </li>
                      ))}
                    </ol>
                  )}
                  {canSign && (
                    <SignOffForm
                      itemId={item.id}
                      evidenceNeeded={locale === "ja" ? item.evidenceJa : item.evidenceEn}
                      awaitingNaReason={awaiting?.status === "NOT_APPLICABLE" ? item.naReason : null}
                    />
                  )}
                </div>

                {canEdit && (
                  <ItemWorkForm
                    item={{ id: item.id, ownerId: item.ownerId, dueDate: item.dueDate?.toISOString().slice(0, 10) ?? null, status: item.status }}
                    owners={ownerOptions}
                  />
                )}

                <div className="stack">
                  <h3>{t("governance.comments")}</h3>
                  {item.comments.map((comment) => (
                    <p key={comment.id}>
                      <small className="muted">
                        {comment.author.name} · {dateTime(comment.createdAt)}
                      </small>
                      <br />
                      {comment.body}
                    </p>
                  ))}
                  {canEdit && <CommentForm itemId={item.id} />}
                </div>

                <details>
                  <summary>{t("governance.history")}</summary>
                  <ol>
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
            })}
          </section>
        );
      })}
    </section>
  );
}
