"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { ActionError } from "@/app/_components/action-error-client";
import { useAction } from "@/app/_components/use-action-client";
import { revokeSessionAction, signOutEverywhereAction } from "./actions";

export function RevokeSessionButton({ sessionKey }: { sessionKey: string }) {
  const t = useTranslations("security.sessions");
  const router = useRouter();
  const { failure, pending, run } = useAction();
  return (
    <>
      <button type="button" className="link" disabled={pending} onClick={() => run(() => revokeSessionAction({ sessionKey }), () => router.refresh())}>
        {pending ? t("pending") : t("revoke")}
      </button>
      <ActionError failure={failure} />
    </>
  );
}

/** Ends every session, this one too, and leaves for the sign-in page. */
export function SignOutEverywhereButton() {
  const t = useTranslations("security.sessions");
  const { failure, pending, run } = useAction();
  return (
    <div className="stack">
      <p className="muted">{t("everywhereExplain")}</p>
      <ActionError failure={failure} />
      <button type="button" className="secondary" disabled={pending} onClick={() => run(() => signOutEverywhereAction({}), () => window.location.assign("/sign-in"))}>
        {pending ? t("pending") : t("everywhere")}
      </button>
    </div>
  );
}
