import "server-only";
import { actorFields, recordAuditEvent, type AuditActor } from "@/lib/audit/record-audit-event";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { SetSecondSignerRuleInput } from "@/lib/governance/schema";

/**
 * Sets whether the site's high-risk items need a second compliance officer. Like a new site item, the
 * rule reaches the site's draft PoCs at once (their gate is still ahead) and every later PoC; a PoC
 * past draft keeps the rule it was approved under. A draft's signed high-risk items follow the rule:
 * a single signature awaits its second when the rule comes on, and counts again when it goes off.
 * Sign-offs themselves are never touched.
 */
export async function setSecondSignerRule(db: Db, actor: AuditActor, input: SetSecondSignerRuleInput) {
  return db.$transaction(async (tx) => {
    if (!(await tx.site.findUnique({ where: { id: input.siteId }, select: { id: true } }))) throw new AppError("NOT_FOUND");
    await tx.site.update({ where: { id: input.siteId }, data: { secondSignerForHighRisk: input.required } });
    // Locked like a PoC transition, so no draft is approved halfway through the change.
    const draftPocIds = (await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "Poc" WHERE "siteId" = ${input.siteId} AND status = 'DRAFT' FOR UPDATE`).map((poc) => poc.id);
    await tx.poc.updateMany({ where: { id: { in: draftPocIds } }, data: { secondSignerForHighRisk: input.required } });
    const highRiskItems = { pocId: { in: draftPocIds }, highRisk: true };
    let itemsAwaitingSecondSignature = 0;
    let itemsSigned = 0;
    if (input.required) {
      const singlySigned = { status: { in: ["APPROVED" as const, "NOT_APPLICABLE" as const] }, signOffs: { some: { supersededBy: { is: null }, confirmsPrevious: false } } };
      itemsAwaitingSecondSignature = (await tx.checklistItem.updateMany({ where: { ...highRiskItems, ...singlySigned }, data: { status: "AWAITING_SECOND_SIGNATURE" } })).count;
    } else {
      // The pending verdict is the latest sign-off's.
      for (const verdict of ["APPROVED", "NOT_APPLICABLE"] as const) {
        const pending = { status: "AWAITING_SECOND_SIGNATURE" as const, signOffs: { some: { supersededBy: { is: null }, status: verdict } } };
        itemsSigned += (await tx.checklistItem.updateMany({ where: { ...highRiskItems, ...pending }, data: { status: verdict } })).count;
      }
    }
    await recordAuditEvent(tx, {
      ...actorFields(actor),
      action: "checklist.second_signer_rule",
      entityType: "Site",
      entityId: input.siteId,
      details: { siteId: input.siteId, required: input.required, draftPocsUpdated: draftPocIds.length, itemsAwaitingSecondSignature, itemsSigned },
    });
    return { draftPocsUpdated: draftPocIds.length, itemsAwaitingSecondSignature, itemsSigned };
  });
}
