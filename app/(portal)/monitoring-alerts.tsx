import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import type { CurrentUser } from "@/lib/auth/current-user";
import { can } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { listDeployments } from "@/lib/monitoring/list-deployments";
import { listUnreadNotifications } from "@/lib/monitoring/notifications";
import { MarkReadButton } from "./mark-read-client";

/** On the executive's and compliance officer's homes: deployments under review and unread notifications. */
export async function MonitoringAlerts({ user }: { user: CurrentUser }) {
  if (!can(user.role, "monitoring:view")) return null;
  const t = await getTranslations("monitoring");
  const format = await getFormatter();
  const [deployments, notifications] = await Promise.all([listDeployments(db(), user), listUnreadNotifications(db(), user.id)]);
  const underReview = deployments.filter((d) => d.status === "UNDER_REVIEW");
  if (underReview.length === 0 && notifications.length === 0) return null;
  return (
    <div className="stack" data-testid="monitoring-alerts">
      {underReview.length > 0 && (
        <div className="alert warning" role="alert">
          <p>
            <strong>{t("homeAlerts")}</strong>
          </p>
          <ul>
            {underReview.map((deployment) => (
              <li key={deployment.id}>
                <Link href={`/monitoring/${deployment.id}`}>{deployment.poc.title}</Link> — {t("statuses.UNDER_REVIEW")}
                {user.role === "COMPLIANCE" &&
                  deployment.openReviewItemIds.map((itemId) => (
                    <span key={itemId}>
                      {" "}
                      · <Link href={`/governance/${deployment.poc.id}#item-${itemId}`}>{t("review")}</Link>
                    </span>
                  ))}
              </li>
            ))}
          </ul>
        </div>
      )}
      {notifications.length > 0 && (
        <section>
          <h2>{t("notifications")}</h2>
          <ul data-testid="notifications">
            {notifications.map((notification) => {
              const params = notification.params as { kind?: string; periodStart?: string };
              return (
                <li key={notification.id}>
                  {format.dateTime(notification.createdAt, { dateStyle: "medium", timeStyle: "short" })} —{" "}
                  <Link href={`/monitoring/${notification.entityId}`}>
                    {t("notificationText", { kind: params.kind ? t(`ruleKinds.${params.kind as "INPUT_DRIFT"}`) : "", periodStart: params.periodStart ?? "" })}
                  </Link>{" "}
                  <MarkReadButton notificationId={notification.id} />
                </li>
              );
            })}
          </ul>
        </section>
      )}
    </div>
  );
}
