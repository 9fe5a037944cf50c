import { cookies, headers } from "next/headers";
import { getRequestConfig } from "next-intl/server";
import { catalogues } from "@/lib/i18n/catalogue";
import { defaultLocale, isLocale, localeCookieName, localeFromAcceptLanguage, type Locale } from "@/lib/i18n/locales";

// The locale lives in a cookie (set from the user's saved preference at sign-in and on every switch),
// so URLs stay the same in both languages.
export default getRequestConfig(async () => {
  const saved = (await cookies()).get(localeCookieName)?.value;
  const locale: Locale = isLocale(saved) ? saved : (localeFromAcceptLanguage((await headers()).get("accept-language")) ?? defaultLocale);
  return { locale, messages: catalogues[locale], timeZone: "Asia/Tokyo" };
});
