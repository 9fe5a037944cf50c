"use client";

import { useLocale, useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useTransition } from "react";
import { switchLocaleAction } from "@/app/_components/locale-actions";
import { locales } from "@/lib/i18n/locales";

export function LocaleSwitch() {
  const t = useTranslations("nav");
  const current = useLocale();
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  return (
    <label className="locale-switch">
      <span>{t("language")}</span>
      <select
        aria-label={t("language")}
        value={current}
        disabled={pending}
        onChange={(event) => {
          const locale = event.target.value as (typeof locales)[number];
          startTransition(async () => {
            await switchLocaleAction({ locale });
            router.refresh();
          });
        }}
      >
        {locales.map((locale) => (
          <option key={locale} value={locale}>
            {locale === "ja" ? "日本語" : "English"}
          </option>
        ))}
      </select>
    </label>
  );
}
