import "server-only";
import { actorFields, recordAuditEvent, type AuditActor } from "@/lib/audit/record-audit-event";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { listPocApiTokens } from "./poc-api-tokens";
import { linkKeysConfigured, sealStudyLink } from "./study-link-keys";

// Results go back to PACS only on a PoC whose governance records pseudonymised processing (APPI
// 仮名加工情報) and whose item for it a compliance officer has approved; only then is a case's
// original StudyInstanceUID kept (sealed), and only for those cases.
export const pseudonymisedProcessingItemKey = "privacy.pseudonymised_processing";

/** Adds the pseudonymised-processing item to the PoC's checklist (an admin opts the PoC in). */
export async function enableResultsToPacs(db: Db, admin: AuditActor, pocId: string): Promise<void> {
  await db.$transaction(async (tx) => {
    const poc = await tx.poc.findUnique({ where: { id: pocId }, select: { id: true } });
    if (!poc) throw new AppError("NOT_FOUND");
    const existing = await tx.checklistItem.findUnique({ where: { pocId_key: { pocId, key: pseudonymisedProcessingItemKey } } });
    if (existing) return;
    const item = await tx.checklistItem.create({
      data: {
        pocId,
        key: pseudonymisedProcessingItemKey,
        family: "PRIVACY",
        phase: "ONGOING",
        titleEn: "AI results back to PACS: processing as pseudonymised information (APPI 仮名加工情報) is recorded",
        titleJa: "PACS への AI 結果送信：仮名加工情報（個人情報保護法）としての取扱いの記録",
        evidenceEn: "The record of pseudonymised processing (purpose, the link kept between case and original study, who may re-link, the site key's custody and rotation).",
        evidenceJa: "仮名加工情報の取扱い記録（利用目的、症例と元の検査の対応表、再識別できる者、施設鍵の管理とローテーション）。",
        frameworks: ["APPI", "DICOM_PS3_15"],
        sortOrder: 999,
        requiresEvidence: true,
        highRisk: true,
      },
    });
    await recordAuditEvent(tx, { ...actorFields(admin), action: "poc.results_to_pacs_enable", entityType: "Poc", entityId: pocId, details: { checklistItemId: item.id } });
  });
}

/** True only when the item is approved by a compliance officer's current sign-off and a link key is configured. */
export async function pocAllowsWriteBack(db: Db, pocId: string): Promise<boolean> {
  if (!linkKeysConfigured()) return false;
  const item = await db.checklistItem.findUnique({
    where: { pocId_key: { pocId, key: pseudonymisedProcessingItemKey } },
    select: { status: true, signOffs: { where: { supersededBy: { is: null } }, select: { status: true, signer: { select: { role: true } } } } },
  });
  const latest = item?.signOffs[0];
  return item?.status === "APPROVED" && latest?.status === "APPROVED" && latest.signer.role === "COMPLIANCE";
}

/** Keeps the sealed link from a case to its original study when the PoC allows it; audited. */
export async function linkCaseToStudy(db: Db, actor: AuditActor, link: { caseId: string; pocId: string; studyInstanceUid: string }): Promise<boolean> {
  if (!(await pocAllowsWriteBack(db, link.pocId))) return false;
  await db.$transaction(async (tx) => {
    await tx.caseStudyLink.upsert({ where: { caseId: link.caseId }, create: { caseId: link.caseId, pocId: link.pocId, sealedStudyUid: sealStudyLink(link.studyInstanceUid) }, update: {} });
    await recordAuditEvent(tx, { ...actorFields(actor), action: "pacs.study_link", entityType: "Case", entityId: link.caseId, details: { pocId: link.pocId } });
  });
  return true;
}

/** The site's PoCs with their router tokens and whether results go back to PACS, for the admin page. */
export async function describeSitePocIntegrations(db: Db, siteId: string) {
  const pocs = await db.poc.findMany({
    where: { siteId },
    orderBy: { createdAt: "desc" },
    select: { id: true, title: true, status: true, checklistItems: { where: { key: pseudonymisedProcessingItemKey }, select: { status: true } } },
  });
  return Promise.all(
    pocs.map(async (poc) => ({
      id: poc.id,
      title: poc.title,
      status: poc.status,
      resultsToPacs: (poc.checklistItems[0] ? ((await pocAllowsWriteBack(db, poc.id)) ? "allowed" : "awaiting_approval") : "off") as "off" | "awaiting_approval" | "allowed",
      tokens: (await listPocApiTokens(db, poc.id)).map((token) => ({ ...token, createdAt: token.createdAt.toISOString(), lastUsedAt: token.lastUsedAt?.toISOString() ?? null, revokedAt: token.revokedAt?.toISOString() ?? null })),
    })),
  );
}
