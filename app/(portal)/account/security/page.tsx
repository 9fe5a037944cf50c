import { getTranslations } from "next-intl/server";
import { redirect } from "next/navigation";
import { getSessionUser } from "@/lib/auth/current-user";
import { TotpEnrolment } from "./security-client";

// Reachable by every signed-in user, including one whose role requires TOTP and who has not enrolled yet.
export default async function AccountSecurityPage() {
  const user = await getSessionUser();
  if (!user) redirect("/sign-in");
  const t = await getTranslations("security");
  return (
    <section className="stack">
      <h1>{t("title")}</h1>
      {user.mustEnrolSecondFactor && (
        <p role="alert" className="alert warning" data-testid="totp-required">
          {t("requiredForRole")}
        </p>
      )}
      <h2>{t("totp.heading")}</h2>
      {user.totpEnabled ? <p data-testid="totp-status">{t("totp.enabled")}</p> : <TotpEnrolment />}
    </section>
  );
}
