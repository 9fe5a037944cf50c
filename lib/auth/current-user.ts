import "server-only";
import { forbidden, redirect } from "next/navigation";
import { cache } from "react";
import { auth } from "@/lib/auth/auth";
import { can, type Permission } from "@/lib/auth/permissions";
import { resolveSessionUser, type CurrentUser, type SessionPolicy, type SessionUser } from "@/lib/auth/resolve-session-user";
import { serverEnv } from "@/lib/config/env";
import { db } from "@/lib/db/client";

export type { CurrentUser, SessionUser };

const accountSecurityPath = "/account/security";

/**
 * The signed-in user, including one who still has to enrol a second factor, re-read with their session
 * from the database on every request (once, thanks to cache), so a sign-out, a disabled account, a
 * reset password or a changed role takes effect on the next request. Only the account security page
 * and its actions should call this directly.
 */
export const getSessionUser = cache(async (): Promise<SessionUser | null> => {
  const session = await auth();
  return resolveSessionUser(db(), session, sessionPolicy());
});

export function sessionPolicy(): SessionPolicy {
  const env = serverEnv();
  return { maxAgeSeconds: env.SESSION_MAX_AGE_SECONDS, idleSeconds: env.SESSION_IDLE_SECONDS, totpRequiredRoles: env.TOTP_REQUIRED_ROLES };
}

/** The signed-in user who may use the portal: null also for one whose role requires TOTP and who has not enrolled. */
export const getCurrentUser = cache(async (): Promise<CurrentUser | null> => {
  const user = await getSessionUser();
  return user && !user.mustEnrolSecondFactor ? user : null;
});

/**
 * For pages: anonymous visitors go to sign-in; users who must enrol TOTP go to the enrolment page; a
 * role without the permission gets a 403 page.
 */
export async function requirePagePermission(permission: Permission): Promise<CurrentUser> {
  const user = await getSessionUser();
  if (!user) redirect("/sign-in");
  if (user.mustEnrolSecondFactor) redirect(accountSecurityPath);
  if (!can(user.role, permission)) forbidden();
  return user;
}
