import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { redirect } from "next/navigation";
import { LocaleSwitch } from "@/app/_components/locale-switch-client";
import { getSessionUser } from "@/lib/auth/current-user";
import { navigationFor } from "@/lib/auth/navigation";
import { signOutAction } from "./actions";

export default async function PortalLayout({ children }: { children: React.ReactNode }) {
  const user = await getSessionUser();
  if (!user) redirect("/sign-in");
  // Until a required second factor is enrolled there is nothing to navigate to (pages redirect to enrolment).
  const navigation = user.mustEnrolSecondFactor ? [] : navigationFor(user.role);
  const t = await getTranslations();
  return (
    <>
      <header className="topbar">
        <Link href="/" className="brand">
          {t("app.name")}
        </Link>
        <nav aria-label={t("nav.main")}>
          {navigation.map((item) => (
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
