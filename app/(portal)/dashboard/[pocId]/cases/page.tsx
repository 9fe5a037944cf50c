import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { randomUUID } from "node:crypto";
import { orNotFound } from "@/app/_components/or-not-found";
import { requirePagePermission } from "@/lib/auth/current-user";
import { db } from "@/lib/db/client";
import { drilldownKinds, listCasesBehind, type DrilldownKind } from "@/lib/kpi/list-cases-behind";

export default async function CasesBehindPage({ params, searchParams }: { params: Promise<{ pocId: string }>; searchParams: Promise<{ kind?: string }> }) {
  const user = await requirePagePermission("kpi:view");
  const { pocId } = await params;
  const kind = (await searchParams).kind;
  if (!drilldownKinds.includes(kind as DrilldownKind)) notFound();
  const t = await getTranslations("dashboard.drilldown");
  const listing = await orNotFound(listCasesBehind(db(), { ...user, requestId: randomUUID() }, pocId, kind as DrilldownKind));
  return (
    <section className="stack">
      <h1>
        {t("title")}: {t(`kinds.${kind as DrilldownKind}`)}
      </h1>
      <p className="muted">{t("intro")}</p>
      {listing.cases.length === 0 ? (
        <p className="empty">{t("none")}</p>
      ) : (
        <>
          {listing.total > listing.cases.length && <p>{t("limited", { shown: listing.cases.length, total: listing.total })}</p>}
          <table data-testid="cases-behind">
            <thead>
              <tr>
                <th>{t("case")}</th>
                <th>{t("modality")}</th>
              </tr>
            </thead>
            <tbody>
              {listing.cases.map((item) => (
                <tr key={item.code}>
                  <td>{item.code}</td>
                  <td>{item.modality}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      <Link href={`/dashboard/${pocId}`}>{t("back")}</Link>
    </section>
  );
}
