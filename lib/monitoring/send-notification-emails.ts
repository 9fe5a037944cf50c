import "server-only";
import { createTransport } from "nodemailer";
import { serverEnv } from "@/lib/config/env";
import type { Db } from "@/lib/db/client";

/**
 * E-mails the recipients of a monitoring notification when SMTP_URL is configured. After the commit
 * and best effort: the in-app notification is the record; a mail server being down must not undo a
 * stop rule. The mail says only that a rule fired and where to look — no figures, no patient data.
 */
export async function sendNotificationEmails(db: Db, userIds: string[], context: { deploymentId: string; fired: number }) {
  const { SMTP_URL, SMTP_FROM } = serverEnv();
  if (!SMTP_URL) return { sent: 0 };
  const users = await db.user.findMany({ where: { id: { in: userIds }, disabled: false }, select: { email: true, locale: true } });
  const transport = createTransport(SMTP_URL);
  let sent = 0;
  for (const user of users) {
    const japanese = user.locale === "ja";
    try {
      await transport.sendMail({
        from: SMTP_FROM,
        to: user.email,
        subject: japanese ? "[MMFM] モニタリングの停止ルールが発動しました" : "[MMFM] A monitoring stop rule fired",
        text: japanese
          ? `停止ルールが ${context.fired} 件発動し、デプロイ ${context.deploymentId} はレビュー中です。ポータルのモニタリング画面とガバナンスのチェックリストを確認してください。`
          : `${context.fired} stop rule(s) fired; deployment ${context.deploymentId} is under review. See the portal's monitoring page and the governance checklist.`,
      });
      sent++;
    } catch (error) {
      console.error(`[monitoring] notification e-mail failed: ${error instanceof Error ? error.name : typeof error}`);
    }
  }
  transport.close();
  return { sent };
}
