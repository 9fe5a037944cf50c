import "server-only";
import { actorFields, recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { Db } from "@/lib/db/client";
import { findChecklistItemInScope } from "@/lib/governance/find-checklist-item";
import type { AddCommentInput } from "@/lib/governance/schema";
import type { Actor } from "@/lib/auth/site-scope";

export async function addComment(db: Db, actor: Actor, input: AddCommentInput) {
  return db.$transaction(async (tx) => {
    const item = await findChecklistItemInScope(tx, actor, input.itemId);
    const comment = await tx.checklistComment.create({ data: { itemId: item.id, authorId: actor.id, body: input.body } });
    // The comment text stays out of the audit log: it may name people.
    await recordAuditEvent(tx, { ...actorFields(actor), action: "checklist.comment", entityType: "ChecklistItem", entityId: item.id, details: { pocId: item.pocId, commentId: comment.id } });
    return { id: comment.id };
  });
}
