import "server-only";
import { actorFields, recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { isChecklistItemSigned } from "@/lib/governance/checklist-progress";
import { findChecklistItemInScope } from "@/lib/governance/find-checklist-item";
import type { UpdateChecklistItemInput } from "@/lib/governance/schema";
import type { Actor } from "@/lib/auth/site-scope";

/** Owner, due date and working status (open / in review). A signed (or half-signed) item changes status only by a new sign-off. */
export async function updateChecklistItem(db: Db, actor: Actor, input: UpdateChecklistItemInput) {
  return db.$transaction(async (tx) => {
    const item = await findChecklistItemInScope(tx, actor, input.itemId);
    const statusChanged = input.status !== item.status;
    if (statusChanged && isChecklistItemSigned(item)) throw new AppError("CHECKLIST_ITEM_SIGNED");
    if (input.ownerId) {
      const owner = await tx.user.findFirst({
        where: { id: input.ownerId, disabled: false, OR: [{ role: "ADMIN" }, { sites: { some: { siteId: item.poc.siteId } } }] },
        select: { id: true },
      });
      if (!owner) throw new AppError("CHECKLIST_OWNER_INVALID");
    }
    const changed = [
      input.ownerId !== item.ownerId && "owner",
      (input.dueDate?.getTime() ?? null) !== (item.dueDate?.getTime() ?? null) && "dueDate",
      statusChanged && "status",
    ].filter((field): field is string => Boolean(field));
    if (changed.length === 0) return { id: item.id, changed };
    await tx.checklistItem.update({ where: { id: item.id }, data: { ownerId: input.ownerId, dueDate: input.dueDate, status: input.status } });
    await recordAuditEvent(tx, {
      ...actorFields(actor),
      action: "checklist.update_item",
      entityType: "ChecklistItem",
      entityId: item.id,
      details: { pocId: item.pocId, changed, ...(statusChanged ? { fromStatus: item.status, toStatus: input.status } : {}), ownerId: input.ownerId, dueDate: input.dueDate?.toISOString().slice(0, 10) ?? null },
    });
    return { id: item.id, changed };
  });
}
