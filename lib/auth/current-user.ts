import "server-only";
import { forbidden, redirect } from "next/navigation";
import { cache } from "react";
import { auth } from "@/lib/auth/auth";
import { can, type Permission } from "@/lib/auth/permissions";
import { serverEnv } from "@/lib/config/env";
import { db } from "@/lib/db/client";
import type { Role } from "@/lib/db/generated/enums";
import type { Locale } from "@/lib/i18n/locales";

export type CurrentUser = { id: string; email: string; name: string; role: Role; locale: Locale; siteIds: string[] };

/**
 * The signed-in user, re-read from the database on every request (once, thanks to cache), so a
 * disabled account, a reset password or a changed role takes effect on the next request.
 */
export const getCurrentUser = cache(async (): Promise<CurrentUser | null> => {
  const session = await auth();
  if (!session?.userId) return null;
  if (Date.now() - session.signedInAt > serverEnv().SESSION_MAX_AGE_SECONDS * 1000) return null;
  const user = await db().user.findUnique({ where: { id: session.userId }, include: { sites: { select: { siteId: true } } } });
  if (!user || user.disabled || user.sessionVersion !== session.sessionVersion) return null;
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    locale: user.locale === "en" ? "en" : "ja",
    siteIds: user.sites.map((membership) => membership.siteId),
  };
});

/** For pages: anonymous visitors go to sign-in; a role without the permission gets a 403 page. */
export async function requirePagePermission(permission: Permission): Promise<CurrentUser> {
  const user = await getCurrentUser();
  if (!user) redirect("/sign-in");
  if (!can(user.role, permission)) forbidden();
  return user;
}
