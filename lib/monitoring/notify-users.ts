import "server-only";
import type { Tx } from "@/lib/db/client";
import type { Role } from "@/lib/db/generated/enums";

export type NotificationInput = { kind: string; entityType: string; entityId: string; params: Record<string, string | number> };

/**
 * In-app notifications for the active users of the given roles at a site (admins see every site),
 * written in the caller's transaction. Returns the recipients' ids so the caller can e-mail them
 * after commit; params carry ids and codes only, never patient data.
 */
export async function notifySiteRoles(tx: Tx, siteId: string, roles: Role[], notification: NotificationInput): Promise<string[]> {
  const recipients = await tx.user.findMany({
    where: { disabled: false, role: { in: roles }, OR: [{ role: "ADMIN" }, { sites: { some: { siteId } } }] },
    select: { id: true },
  });
  if (recipients.length > 0) await tx.notification.createMany({ data: recipients.map((user) => ({ userId: user.id, ...notification })) });
  return recipients.map((user) => user.id);
}
