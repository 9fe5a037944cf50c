import { z } from "zod";

export const locales = ["ja", "en"] as const;
export const localeSchema = z.enum(locales);
export type Locale = z.infer<typeof localeSchema>;
export const defaultLocale: Locale = "ja";
export const localeCookieName = "portal_locale";

export function isLocale(value: unknown): value is Locale {
  return localeSchema.safeParse(value).success;
}

/** Picks the first supported language of an Accept-Language header. */
export function localeFromAcceptLanguage(header: string | null | undefined): Locale | undefined {
  for (const part of (header ?? "").split(",")) {
    const language = part.trim().split(";")[0]?.split("-")[0]?.toLowerCase();
    if (isLocale(language)) return language;
  }
  return undefined;
}
