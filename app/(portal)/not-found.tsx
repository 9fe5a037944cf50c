import Link from "next/link";
import { getTranslations } from "next-intl/server";

// An unknown id, or one of another site (the two look the same on purpose), inside the portal chrome.
export default async function PortalNotFound() {
  const t = await getTranslations();
  return (
    <section className="stack" data-testid="not-found">
      <h1>{t("notFound.title")}</h1>
      <p>{t("notFoundPage.body")}</p>
      <Link href="/">{t("notFound.home")}</Link>
    </section>
  );
}
