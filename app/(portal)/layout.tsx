import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { redirect } from "next/navigation";
import { LocaleSwitch } from "@/app/_components/locale-switch-client";
import { MainNav } from "@/app/_components/main-nav-client";
import { SubmitButton } from "@/app/_components/submit-button-client";
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
      <a href="#main" className="skip-link">
        {t("ui.skipToContent")}
      </a>
      <div className="shell">
        <div className="sidebar">
          <div className="sidebar-head">
            <Link href="/" className="brand">
              {t("app.name")}
            </Link>
          </div>
          <MainNav label={t("nav.main")} menuLabel={t("ui.menu")} entries={navigation.map((item) => ({ href: item.href, label: t(`nav.${item.labelKey}`) }))} />
        </div>
        <div className="min-w-0">
          <header className="topbar">
            <div className="topbar-user">
              <span data-testid="current-user">
                {user.name} · <strong>{t(`roles.${user.role}`)}</strong>
              </span>
              <LocaleSwitch />
              <form action={signOutAction}>
                <SubmitButton className="link" pendingLabel={t("ui.signingOut")}>
                  {t("nav.signOut")}
                </SubmitButton>
              </form>
            </div>
          </header>
          <main id="main" tabIndex={-1} className="content">
            {children}
          </main>
        </div>
      </div>
    </>
  );
}
