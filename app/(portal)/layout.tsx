import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { redirect } from "next/navigation";
import { LocaleSwitch } from "@/app/_components/locale-switch-client";
import { getCurrentUser } from "@/lib/auth/current-user";
import { navigationFor } from "@/lib/auth/navigation";
import { signOutAction } from "./actions";

export default async function PortalLayout({ children }: { children: React.ReactNode }) {
  const user = await getCurrentUser();
  if (!user) redirect("/sign-in");
  const t = await getTranslations();
  return (
    <>
      <header className="topbar">
        <Link href="/" className="brand">
          {t("app.name")}
        </Link>
        <nav aria-label={t("nav.main")}>
          {navigationFor(user.role).map((item) => (
            <Link key={item.href} href={item.href}>
              {t(`nav.${item.labelKey}`)}
            </Link>
          ))}
        </nav>
        <div className="topbar-user">
          <span data-testid="current-user">
            {user.name} · <strong>{t(`roles.${user.role}`)}</strong>
          </span>
          <LocaleSwitch />
          <form action={signOutAction}>
            <button type="submit" className="link">
              {t("nav.signOut")}
            </button>
          </form>
        </div>
      </header>
      <main className="content">{children}</main>
    </>
  );
}
