"use client";

import { useFormatter, useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { ActionError } from "@/app/_components/action-error-client";
import { useAction } from "@/app/_components/use-action-client";
import { createPocApiTokenAction, enableResultsToPacsAction, revokePocApiTokenAction } from "./actions";

type PocIntegration = {
  id: string;
  title: string;
  status: string;
  resultsToPacs: "off" | "awaiting_approval" | "allowed";
  tokens: { id: string; label: string; createdAt: string; lastUsedAt: string | null; revokedAt: string | null }[];
};

export function PocIntegrations({ pocs, portalOrigin }: { pocs: PocIntegration[]; portalOrigin: string }) {
  const t = useTranslations("pacs.tokens");
  const format = useFormatter();
  const router = useRouter();
  const action = useAction();
  const [shown, setShown] = useState<{ pocId: string; token: string } | null>(null);
  const when = (iso: string | null) => (iso ? format.dateTime(new Date(iso), { dateStyle: "medium", timeStyle: "short" }) : "—");
  return (
    <section className="stack">
      <h2>{t("heading")}</h2>
      <p>{t("intro")}</p>
      <ActionError failure={action.failure} />
      {pocs.map((poc) => (
        <div key={poc.id} className="stack" data-testid="poc-integration" data-poc-id={poc.id}>
          <h3>{poc.title}</h3>
          <p>
            {t(`resultsToPacs.${poc.resultsToPacs}`)}{" "}
            {poc.resultsToPacs === "off" && (
              <button type="button" disabled={action.pending} onClick={() => action.run(() => enableResultsToPacsAction({ pocId: poc.id }), () => router.refresh())}>
                {t("enableResults")}
              </button>
            )}
          </p>
          <p>
            {t("stowUrl")}: <code>{`${portalOrigin}/api/pocs/${poc.id}/dicomweb`}</code>
          </p>
          {poc.tokens.length > 0 && (
            <table>
              <thead>
                <tr>
                  <th>{t("label")}</th>
                  <th>{t("created")}</th>
                  <th>{t("lastUsed")}</th>
                  <th>{t("revoked")}</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {poc.tokens.map((token) => (
                  <tr key={token.id}>
                    <td>{token.label}</td>
                    <td>{when(token.createdAt)}</td>
                    <td>{when(token.lastUsedAt)}</td>
                    <td>{when(token.revokedAt)}</td>
                    <td>
                      {!token.revokedAt && (
                        <button type="button" disabled={action.pending} onClick={() => action.run(() => revokePocApiTokenAction({ tokenId: token.id }), () => router.refresh())}>
                          {t("revoke")}
                        </button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <form
            className="row-actions"
            onSubmit={action.submit(async (form) => {
              const result = await createPocApiTokenAction({ pocId: poc.id, label: String(form.get("label") ?? "") });
              if (result.ok) {
                setShown({ pocId: poc.id, token: result.data.token });
                router.refresh();
              }
              return result;
            }, { resetOnSuccess: true })}
          >
            <label>
              {t("label")}
              <input name="label" required maxLength={60} />
            </label>
            <button type="submit" disabled={action.pending}>{t("create")}</button>
          </form>
          {shown?.pocId === poc.id && (
            <p role="status">
              {t("shownOnce")} <code>{shown.token}</code>
            </p>
          )}
        </div>
      ))}
    </section>
  );
}
