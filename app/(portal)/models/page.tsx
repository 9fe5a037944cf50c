import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { requirePagePermission } from "@/lib/auth/current-user";
import { can } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { listModelVersions } from "@/lib/models/list-models";
import { RegisterModelForm } from "./register-model-client";

export default async function ModelsPage() {
  const user = await requirePagePermission("model:view");
  const t = await getTranslations("models");
  const format = await getFormatter();
  const models = await listModelVersions(db());
  return (
    <section className="stack">
      <h1>{t("title")}</h1>
      <table>
        <thead>
          <tr>
            <th>{t("name")}</th>
            <th>{t("version")}</th>
            <th>sha256</th>
            <th className="num">{t("size")}</th>
            <th className="num">{t("pocs")}</th>
            <th>{t("registered")}</th>
          </tr>
        </thead>
        <tbody>
          {models.map((model) => (
            <tr key={model.id}>
              <td>
                <Link href={`/models/${model.id}`}>{model.name}</Link> {model.isReference && <span className="badge">{t("reference")}</span>}
              </td>
              <td>{model.version}</td>
              <td>
                <code>{model.sha256.slice(0, 12)}…</code>
              </td>
              <td className="num">{format.number(model.fileBytes / 1024, { maximumFractionDigits: 0 })} KB</td>
              <td className="num">{format.number(model._count.pocs)}</td>
              <td>{format.dateTime(model.createdAt, { dateStyle: "medium" })}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {can(user.role, "model:manage") && (
        <>
          <h2>{t("register")}</h2>
          <p className="muted">{t("registerHelp")}</p>
          <RegisterModelForm />
        </>
      )}
    </section>
  );
}
