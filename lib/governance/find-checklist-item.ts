import "server-only";
import type { Tx } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { pocScope, type Actor } from "@/lib/auth/site-scope";

/** The item when its PoC is within the actor's sites; otherwise NOT_FOUND, so ids of other sites reveal nothing. */
export async function findChecklistItemInScope(tx: Tx, actor: Actor, itemId: string) {
  const item = await tx.checklistItem.findFirst({ where: { id: itemId, poc: pocScope(actor) }, include: { poc: { select: { id: true, siteId: true, status: true } } } });
  if (!item) throw new AppError("NOT_FOUND");
  return item;
}

/**
 * Locks the item (and shares the lock on its PoC) for the rest of the transaction, so sign-offs on
 * one item form a single supersede chain and never interleave with a PoC status transition.
 */
export async function lockChecklistItemInScope(tx: Tx, actor: Actor, itemId: string) {
  const item = await findChecklistItemInScope(tx, actor, itemId);
  await tx.$queryRaw`SELECT id FROM "Poc" WHERE id = ${item.pocId} FOR SHARE`;
  await tx.$queryRaw`SELECT id FROM "ChecklistItem" WHERE id = ${item.id} FOR UPDATE`;
  return tx.checklistItem.findUniqueOrThrow({ where: { id: item.id }, include: { poc: { select: { id: true, siteId: true, status: true } } } });
}
