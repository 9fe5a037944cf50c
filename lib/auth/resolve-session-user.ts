import type { Db } from "@/lib/db/client";
import type { Role } from "@/lib/db/generated/enums";
import type { Locale } from "@/lib/i18n/locales";
import { sessionKey } from "@/lib/auth/session-secret";

export type CurrentUser = { id: string; email: string; name: string; role: Role; locale: Locale; siteIds: string[] };

/**
 * A signed-in user; `mustEnrolSecondFactor` users may only reach the enrolment page and its actions.
 * `sessionKey` names this session in the database (never the secret that opens it).
 */
export type SessionUser = CurrentUser & { totpEnabled: boolean; mustEnrolSecondFactor: boolean; sessionKey: string };

/** What the session cookie claims; the database decides whether it still holds. */
export type SessionClaims = { userId: string; sessionId: string; signedInAt: number };

export type SessionPolicy = { maxAgeSeconds: number; idleSeconds: number; totpRequiredRoles: readonly Role[] };

// lastSeenAt is written at most this often, so most requests only read.
const lastSeenResolutionMs = 60_000;

type SessionRow = { id: string; email: string; name: string; role: Role; locale: string; totpEnabled: boolean; siteIds: string[] };

/**
 * The user behind a session, or null when the session is past its absolute lifetime, idle for longer
 * than the idle limit, ended on the server (sign-out, sign-out everywhere, password change, an admin's
 * reset, disable or role change), or the account is disabled or gone. One statement per request: the
 * session row, the user and their sites, and the lastSeenAt touch.
 */
export async function resolveSessionUser(db: Db, claims: SessionClaims | null, policy: SessionPolicy, nowMs = Date.now()): Promise<SessionUser | null> {
  if (!claims?.userId || !claims.sessionId) return null;
  // A token without signedInAt (0) is older than any lifetime: refused.
  if (nowMs - claims.signedInAt > policy.maxAgeSeconds * 1000) return null;
  const key = sessionKey(claims.sessionId);
  const now = new Date(nowMs);
  const idleSince = new Date(nowMs - policy.idleSeconds * 1000);
  const touchBefore = new Date(nowMs - lastSeenResolutionMs);
  const [user] = await db.$queryRaw<SessionRow[]>`
    WITH live AS (
      SELECT "id", "userId" FROM "UserSession"
      WHERE "id" = ${key} AND "userId" = ${claims.userId} AND "revokedAt" IS NULL AND "lastSeenAt" > ${idleSince}
    ), touched AS (
      UPDATE "UserSession" SET "lastSeenAt" = ${now} WHERE "id" IN (SELECT "id" FROM live) AND "lastSeenAt" < ${touchBefore}
    )
    SELECT u."id", u."email", u."name", u."role"::text AS "role", u."locale", u."totpEnabled",
      ARRAY(SELECT m."siteId" FROM "SiteMembership" m WHERE m."userId" = u."id" ORDER BY m."siteId") AS "siteIds"
    FROM live JOIN "User" u ON u."id" = live."userId"
    WHERE NOT u."disabled"`;
  if (!user) return null;
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    locale: user.locale === "en" ? "en" : "ja",
    siteIds: user.siteIds,
    totpEnabled: user.totpEnabled,
    mustEnrolSecondFactor: !user.totpEnabled && policy.totpRequiredRoles.includes(user.role),
    sessionKey: key,
  };
}
