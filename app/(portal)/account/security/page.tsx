import { getFormatter, getTranslations } from "next-intl/server";
import { redirect } from "next/navigation";
import { getSessionUser, sessionPolicy } from "@/lib/auth/current-user";
import { listUserSessions } from "@/lib/auth/list-user-sessions";
import { db } from "@/lib/db/client";
import { ChangePasswordForm } from "./password-client";
import { TotpEnrolment } from "./security-client";
import { RevokeSessionButton, SignOutEverywhereButton } from "./sessions-client";

// Reachable by every signed-in user, including one whose role requires TOTP and who has not enrolled yet.
export default async function AccountSecurityPage() {
  const user = await getSessionUser();
  if (!user) redirect("/sign-in");
  const t = await getTranslations("security");
  const format = await getFormatter();
  const policy = sessionPolicy();
  const sessions = await listUserSessions(db(), user.id, policy);
  const time = (at: Date) => format.dateTime(at, { dateStyle: "medium", timeStyle: "short" });
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

      <h2>{t("password.heading")}</h2>
      <ChangePasswordForm />

      <h2>{t("sessions.heading")}</h2>
      <p className="muted">{t("sessions.explain", { idleMinutes: Math.round(policy.idleSeconds / 60) })}</p>
      <ul className="stack" data-testid="sessions">
        {sessions.map((session) => (
          <li key={session.id} data-testid={session.id === user.sessionKey ? "session-current" : "session-other"}>
            <strong>{session.device || t("sessions.unknownDevice")}</strong> · {t("sessions.signedIn", { time: time(session.createdAt) })} ·{" "}
            {t("sessions.lastActive", { time: time(session.lastSeenAt) })}{" "}
            {session.id === user.sessionKey ? <em>{t("sessions.current")}</em> : <RevokeSessionButton sessionKey={session.id} />}
          </li>
        ))}
      </ul>
      <SignOutEverywhereButton />
    </section>
  );
}
