import "server-only";
import type { Db } from "@/lib/db/client";

/** A user's unread notifications, newest first. */
export function listUnreadNotifications(db: Db, userId: string) {
  return db.notification.findMany({ where: { userId, readAt: null }, orderBy: { createdAt: "desc" }, take: 20, select: { id: true, kind: true, entityType: true, entityId: true, params: true, createdAt: true } });
}

/** Marks one of the user's own notifications read (another user's id matches nothing). */
export async function markNotificationRead(db: Db, userId: string, notificationId: string, now = new Date()) {
  const { count } = await db.notification.updateMany({ where: { id: notificationId, userId, readAt: null }, data: { readAt: now } });
  return { updated: count };
}
