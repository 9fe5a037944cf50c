import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { requirePagePermission } from "@/lib/auth/current-user";
import { db } from "@/lib/db/client";
import { listWorklist } from "@/lib/reading/manage-reads";

export default async function WorklistPage() {
  const user = await requirePagePermission("case:read");
  const t = await getTranslations("reading");
  const tUi = await getTranslations("caseList");
  const format = await getFormatter();
  const reads = await listWorklist(db(), user);
  return (
    <section className="stack">
      <h1>{t("worklistTitle")}</h1>
      <p className="muted">{t("worklistIntro")}</p>
      {reads.length === 0 ? (
        <div className="empty stack gap-1">
          <p>{t("worklistEmpty")}</p>
          <p className="small">{tUi("worklistHowCasesArrive")}</p>
        </div>
      ) : (
        <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th>{t("case")}</th>
              <th>{t("poc")}</th>
              <th>{t("arm")}</th>
              <th>{t("period")}</th>
              <th>{t("available")}</th>
            </tr>
          </thead>
          <tbody>
            {reads.map((read) => (
              <tr key={read.id} data-testid={`worklist-${read.case.code}-${read.arm}`}>
                <td>
                  {read.available ? (
                    <Link href={`/reading/${read.id}`} prefetch={false}>
                      {read.case.code}
                    </Link>
                  ) : (
                    read.case.code
                  )}
                </td>
                <td>{read.case.poc.title}</td>
                <td>{t(`arms.${read.arm}`)}</td>
                <td>{read.period}</td>
                <td>{read.available ? t("now") : t("afterWashout", { date: format.dateTime(read.availableFrom, { dateStyle: "medium" }) })}</td>
              </tr>
            ))}
          </tbody>
        </table>
        </div>
      )}
    </section>
  );
}
