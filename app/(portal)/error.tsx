"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";

// A portal page that fails unexpectedly, shown inside the portal chrome; the digest lets
// support find the server log line without the page showing the error itself.
export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const t = useTranslations("errorPage");
  return (
    <main className="centered" data-testid="error-page">
      <h1>{t("title")}</h1>
      <p>{t("body")}</p>
      {error.digest && <p className="muted">{t("reference", { digest: error.digest })}</p>}
      <p className="row-actions">
        <button type="button" onClick={reset}>
          {t("retry")}
        </button>
        <Link href="/">{t("home")}</Link>
      </p>
    </main>
  );
}
