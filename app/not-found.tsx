import Link from "next/link";
import { getTranslations } from "next-intl/server";

export default async function NotFound() {
  const t = await getTranslations("notFound");
  return (
    <main className="centered">
      <h1>{t("title")}</h1>
      <Link href="/">{t("home")}</Link>
    </main>
  );
}
