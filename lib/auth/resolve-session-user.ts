import type { Db } from "@/lib/db/client";
import type { Role } from "@/lib/db/generated/enums";
import type { Locale } from "@/lib/i18n/locales";

export type CurrentUser = { id: string; email: string; name: string; role: Role; locale: Locale; siteIds: string[] };

/** A signed-in user; `mustEnrolSecondFactor` users may only reach the enrolment page and its actions. */
export type SessionUser = CurrentUser & { totpEnabled: boolean; mustEnrolSecondFactor: boolean };

/** What the session cookie claims; the database decides whether it still holds. */
export type SessionClaims = { userId: string; sessionVersion: number; signedInAt: number };

export type SessionPolicy = { maxAgeSeconds: number; totpRequiredRoles: readonly Role[] };

/**
 * The user behind a session, re-read from the database, or null when the session is past its absolute
 * lifetime, the account is disabled or gone, or its sessionVersion moved on (password reset, role
 * change, disable, TOTP reset). The idle timeout is the cookie's own expiry (Auth.js `maxAge`).
 */
export async function resolveSessionUser(db: Db, claims: SessionClaims | null, policy: SessionPolicy, nowMs = Date.now()): Promise<SessionUser | null> {
  if (!claims?.userId) return null;
  // A token without signedInAt (0) is older than any lifetime: refused.
  if (nowMs - claims.signedInAt > policy.maxAgeSeconds * 1000) return null;
  const user = await db.user.findUnique({ where: { id: claims.userId }, include: { sites: { select: { siteId: true } } } });
  if (!user || user.disabled || user.sessionVersion !== claims.sessionVersion) return null;
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    locale: user.locale === "en" ? "en" : "ja",
    siteIds: user.sites.map((membership) => membership.siteId),
    totpEnabled: user.totpEnabled,
    mustEnrolSecondFactor: !user.totpEnabled && policy.totpRequiredRoles.includes(user.role),
  };
}
