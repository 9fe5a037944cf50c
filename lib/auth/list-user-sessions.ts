import "server-only";
import type { Db } from "@/lib/db/client";

/** The user's live sessions for /account/security, most recently active first. */
export function listUserSessions(db: Db, userId: string, policy: { maxAgeSeconds: number; idleSeconds: number }, now = new Date()) {
  return db.userSession.findMany({
    where: {
      userId,
      revokedAt: null,
      createdAt: { gt: new Date(now.getTime() - policy.maxAgeSeconds * 1000) },
      lastSeenAt: { gt: new Date(now.getTime() - policy.idleSeconds * 1000) },
    },
    select: { id: true, device: true, createdAt: true, lastSeenAt: true },
    orderBy: { lastSeenAt: "desc" },
  });
}
