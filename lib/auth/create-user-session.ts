import "server-only";
import { describeDevice } from "@/lib/auth/describe-device";
import { newSessionSecret, sessionKey } from "@/lib/auth/session-secret";
import type { Db } from "@/lib/db/client";

/**
 * Records a new signed-in browser and returns the secret its cookie carries. The user's sessions past
 * their absolute lifetime are deleted on the way: they can no longer open anything.
 */
export async function createUserSession(db: Db, input: { userId: string; userAgent: string | null }, policy: { maxAgeSeconds: number }, now = new Date()): Promise<string> {
  const secret = newSessionSecret();
  await db.$transaction([
    db.userSession.deleteMany({ where: { userId: input.userId, createdAt: { lt: new Date(now.getTime() - policy.maxAgeSeconds * 1000) } } }),
    db.userSession.create({ data: { id: sessionKey(secret), userId: input.userId, device: describeDevice(input.userAgent), createdAt: now, lastSeenAt: now } }),
  ]);
  return secret;
}
