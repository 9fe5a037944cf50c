"use server";

import { cookies } from "next/headers";
import { z } from "zod";
import { getCurrentUser } from "@/lib/auth/current-user";
import { db } from "@/lib/db/client";
import { localeCookieName, localeSchema } from "@/lib/i18n/locales";
import { saveUserLocale } from "@/lib/users/user-locale";

const switchLocaleSchema = z.strictObject({ locale: localeSchema });

/** Open to everyone (the sign-in page has the switch too); a signed-in user's choice is remembered. */
export async function switchLocaleAction(input: z.input<typeof switchLocaleSchema>): Promise<{ ok: boolean }> {
  const parsed = switchLocaleSchema.safeParse(input);
  if (!parsed.success) return { ok: false };
  (await cookies()).set(localeCookieName, parsed.data.locale, { path: "/", sameSite: "lax", httpOnly: true, maxAge: 365 * 24 * 3600 });
  const user = await getCurrentUser();
  if (user) await saveUserLocale(db(), user.id, parsed.data.locale);
  return { ok: true };
}
