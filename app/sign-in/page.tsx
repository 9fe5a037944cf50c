import { getTranslations } from "next-intl/server";
import { redirect } from "next/navigation";
import { LocaleSwitch } from "@/app/_components/locale-switch-client";
import { getSessionUser } from "@/lib/auth/current-user";
import { serverEnv } from "@/lib/config/env";
import { SignInForm } from "./sign-in-form-client";

export default async function SignInPage() {
  if (await getSessionUser()) redirect("/");
  const t = await getTranslations();
  const env = serverEnv();
  return (
    <main className="sign-in">
      <div className="sign-in-card">
        <div className="sign-in-head">
          <h1>{t("app.name")}</h1>
          <LocaleSwitch />
        </div>
        <p className="muted">{t("app.tagline")}</p>
        <SignInForm ssoName={env.OIDC_ISSUER && env.OIDC_CLIENT_ID ? env.OIDC_NAME : null} />
      </div>
    </main>
  );
}
