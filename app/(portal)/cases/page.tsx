import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { requirePagePermission } from "@/lib/auth/current-user";
import { listCasesForClinician } from "@/lib/cases/view-case";
import { db } from "@/lib/db/client";
import { listPocChoices } from "@/lib/pocs/list-pocs";
import { ImportOutcomesForm } from "./import-outcomes-client";

export default async function CasesPage() {
  const user = await requirePagePermission("case:submit");
  const t = await getTranslations("cases");
  const tPacs = await getTranslations("pacs.import");
  const format = await getFormatter();
  const [cases, pocs] = await Promise.all([
    listCasesForClinician(db(), user),
    listPocChoices(db(), user),
  ]);
  return (
    <section className="stack">
      <div className="row-actions">
        <h1>{t("title")}</h1>
        <Link className="button-link" href="/cases/new">
          {t("new")}
        </Link>
        <Link className="button-link" href="/cases/import">
          {tPacs("link")}
        </Link>
      </div>
      {cases.length === 0 ? (
        <p className="empty">{t("empty")}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th>{t("code")}</th>
              <th>{t("poc")}</th>
              <th>{t("modality")}</th>
              <th>{t("inference")}</th>
              <th className="num">{t("readsDone")}</th>
              <th>{t("outcome")}</th>
              <th>{t("submitted")}</th>
            </tr>
          </thead>
          <tbody>
            {cases.map((item) => (
              <tr key={item.id}>
                <td>
                  <Link href={`/cases/${item.id}`}>{item.code}</Link>
                </td>
                <td>{item.poc.title}</td>
                <td>{item.modality}</td>
                <td>{item.inferences[0] ? t(`inferenceStatus.${item.inferences[0].status}`) : t("inferenceStatus.NONE")}</td>
                <td className="num">{format.number(item._count.reads)}</td>
                <td>{item.outcome ? t("outcomeRecorded") : "—"}</td>
                <td>{format.dateTime(item.createdAt, { dateStyle: "medium", timeStyle: "short" })}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h2>{t("importTitle")}</h2>
      <p className="muted">{t("importHelp")}</p>
      <ImportOutcomesForm pocs={pocs} />
    </section>
  );
}
