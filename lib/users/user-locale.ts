import "server-only";
import type { Db } from "@/lib/db/client";
import { isLocale, type Locale } from "@/lib/i18n/locales";

/** Remembers the user's language for their next sign-in. */
export async function saveUserLocale(db: Db, userId: string, locale: Locale): Promise<void> {
  await db.user.update({ where: { id: userId }, data: { locale } });
}

/** The language a user chose earlier, looked up after a successful sign-in; null when none is saved. */
export async function savedLocaleOf(db: Db, email: string): Promise<Locale | null> {
  const user = await db.user.findUnique({ where: { email }, select: { locale: true } });
  return isLocale(user?.locale) ? user.locale : null;
}
