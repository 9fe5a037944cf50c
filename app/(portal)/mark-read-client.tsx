"use client";

import { useTranslations } from "next-intl";
import { useAction } from "@/app/_components/use-action-client";
import { markNotificationReadAction } from "./notification-actions";

export function MarkReadButton({ notificationId }: { notificationId: string }) {
  const t = useTranslations("monitoring");
  const { pending, run } = useAction();
  return (
    <button type="button" className="secondary" disabled={pending} onClick={() => run(() => markNotificationReadAction({ notificationId }))}>
      {t("markRead")}
    </button>
  );
}
