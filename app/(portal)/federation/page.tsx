import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { requirePagePermission } from "@/lib/auth/current-user";
import { can } from "@/lib/auth/permissions";
import { serverEnv } from "@/lib/config/env";
import { db } from "@/lib/db/client";
import { listSiteSigningKeys } from "@/lib/federation/site-signing-key";
import { listPocsWithProgress } from "@/lib/pocs/list-pocs";

export default async function FederationPage() {
  const user = await requirePagePermission("federation:view");
  const t = await getTranslations("federation");
  const exporter = can(user.role, "federation:export");
  const [pocs, keys] = exporter ? await Promise.all([listPocsWithProgress(db(), user), listSiteSigningKeys(db(), user)]) : [[], []];
  return (
    <section className="stack">
      <h1>{t("title")}</h1>
      <p className="muted">{t("intro")}</p>
      <p className="alert warning">{t("whatLeaves")}</p>
      {serverEnv().FEDERATION_HUB ? (
        <p>
          <Link className="button-link" href="/federation/hub">
            {t("openHub")}
          </Link>
        </p>
      ) : (
        <p className="muted">{t("hubDisabled")}</p>
      )}
      {exporter && (
        <>
          <h2>{t("siteKey")}</h2>
          {keys.length === 0 ? (
            <p className="empty">{t("noKey")}</p>
          ) : (
            keys.map((key) => (
              <div key={key.keyId} className="panel" data-testid="site-key">
                <p>
                  {key.siteCode} · {t("keyId")}: <code data-testid="key-id">{key.keyId}</code>
                </p>
                <label>
                  {t("publicKey")}
                  <textarea readOnly rows={3} value={key.publicKeyPem} data-testid="public-key" />
                </label>
              </div>
            ))
          )}
          <h2>{t("export")}</h2>
          <p className="muted">{t("exportHint")}</p>
          <table>
            <thead>
              <tr>
                <th>{t("poc")}</th>
                <th>{t("code")}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {pocs.map((poc) => (
                <tr key={poc.id}>
                  <td>{poc.title}</td>
                  <td>{poc.site.code}</td>
                  <td>
                    {/* A download (audited on the server), not a client fetch. */}
                    <a href={`/api/federation/bundles/${poc.id}`} download data-testid={`export-${poc.id}`}>
                      {t("download")}
                    </a>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
