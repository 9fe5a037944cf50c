"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { ActionError } from "@/app/_components/action-error-client";
import { useAction } from "@/app/_components/use-action-client";
import type { ActionFailure } from "@/lib/actions/define-action";
import type { SignOffItemInput } from "@/lib/governance/schema";
import { addCommentAction, addEvidenceLinkAction, signOffItemAction, updateChecklistItemAction } from "./actions";

type Option = { id: string; label: string };

export function ItemWorkForm({ item, owners }: { item: { id: string; ownerId: string | null; dueDate: string | null; status: string }; owners: Option[] }) {
  const t = useTranslations("governance");
  const { failure, done, pending, submit } = useAction();
  const signed = item.status === "APPROVED" || item.status === "NOT_APPLICABLE";
  return (
    <form
      className="row-actions"
      data-testid="item-work-form"
      onSubmit={submit((form) => {
        const ownerId = String(form.get("ownerId") ?? "");
        const dueDate = String(form.get("dueDate") ?? "");
        return updateChecklistItemAction({
          itemId: item.id,
          ownerId: ownerId || null,
          dueDate: dueDate || null,
          status: signed ? "OPEN" : (String(form.get("status")) as "OPEN" | "IN_REVIEW"),
        });
      })}
    >
      <label>
        {t("owner")}
        <select name="ownerId" defaultValue={item.ownerId ?? ""}>
          <option value="">—</option>
          {owners.map((owner) => (
            <option key={owner.id} value={owner.id}>
              {owner.label}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t("dueDate")}
        <input type="date" name="dueDate" defaultValue={item.dueDate ?? ""} />
      </label>
      {!signed && (
        <label>
          {t("workStatus")}
          <select name="status" defaultValue={item.status}>
            <option value="OPEN">{t("statuses.OPEN")}</option>
            <option value="IN_REVIEW">{t("statuses.IN_REVIEW")}</option>
          </select>
        </label>
      )}
      <button type="submit" className="secondary" disabled={pending || signed}>
        {t("saveItem")}
      </button>
      {signed && <small className="muted">{t("signedHint")}</small>}
      <ActionError failure={failure} />
      {done && <span role="status">{t("saved")}</span>}
    </form>
  );
}

export function EvidenceForms({ itemId }: { itemId: string }) {
  const t = useTranslations("governance");
  const router = useRouter();
  const [uploadFailure, setUploadFailure] = useState<ActionFailure | null>(null);
  const [uploaded, setUploaded] = useState(false);
  const [uploading, startUpload] = useTransition();
  const link = useAction();
  return (
    <div className="row-actions">
      <form
        className="row-actions"
        data-testid="evidence-upload-form"
        onSubmit={(event) => {
          event.preventDefault();
          const formElement = event.currentTarget;
          const form = new FormData(formElement);
          form.set("itemId", itemId);
          startUpload(async () => {
            // A route handler, not a server action: actions accept only 1 MB.
            const response = await fetch("/api/evidence", { method: "POST", body: form });
            const result = (await response.json().catch(() => ({ ok: false, error: "INTERNAL" }))) as { ok: true } | ActionFailure;
            setUploadFailure(result.ok ? null : result);
            setUploaded(result.ok);
            if (result.ok) {
              formElement.reset();
              router.refresh();
            }
          });
        }}
      >
        <label>
          {t("evidenceFile")}
          <input type="file" name="file" accept="application/pdf,image/png,image/jpeg" required />
        </label>
        <input name="description" placeholder={t("evidenceDescription")} aria-label={t("evidenceDescription")} maxLength={500} />
        <button type="submit" className="secondary" disabled={uploading}>
          {t("upload")}
        </button>
        <ActionError failure={uploadFailure} />
        {uploaded && <span role="status">{t("uploaded")}</span>}
      </form>
      <form
        className="row-actions"
        onSubmit={link.submit((form) => addEvidenceLinkAction({ itemId, url: String(form.get("url")), description: String(form.get("description") ?? "") }), { resetOnSuccess: true })}
      >
        <input name="url" type="url" placeholder="https://…" aria-label={t("evidenceLink")} required />
        <input name="description" placeholder={t("evidenceDescription")} aria-label={t("evidenceDescription")} maxLength={500} />
        <button type="submit" className="secondary" disabled={link.pending}>
          {t("addLink")}
        </button>
        <ActionError failure={link.failure} />
      </form>
    </div>
  );
}

export function CommentForm({ itemId }: { itemId: string }) {
  const t = useTranslations("governance");
  const { failure, pending, submit } = useAction();
  return (
    <form
      className="row-actions"
      onSubmit={submit((form) => addCommentAction({ itemId, body: String(form.get("body")) }), { resetOnSuccess: true })}
    >
      <textarea name="body" rows={2} maxLength={4000} required aria-label={t("addComment")} />
      <button type="submit" className="secondary" disabled={pending}>
        {t("addComment")}
      </button>
      <ActionError failure={failure} />
    </form>
  );
}

export function SignOffForm({ itemId }: { itemId: string }) {
  const t = useTranslations("governance");
  const { failure, done, pending, submit } = useAction();
  const [status, setStatus] = useState<SignOffItemInput["status"]>("APPROVED");
  return (
    <form
      className="stack form-grid popover"
      data-testid="sign-off-form"
      onSubmit={submit((form) => signOffItemAction({
        itemId,
        status,
        statement: String(form.get("statement")),
        naReason: status === "NOT_APPLICABLE" ? String(form.get("naReason") ?? "") : undefined,
        password: String(form.get("password")),
      }), { resetOnSuccess: true })}
    >
      <label>
        {t("signOffStatus")}
        <select name="status" value={status} onChange={(event) => setStatus(event.target.value as typeof status)}>
          <option value="APPROVED">{t("statuses.APPROVED")}</option>
          <option value="NOT_APPLICABLE">{t("statuses.NOT_APPLICABLE")}</option>
          <option value="OPEN">{t("reopen")}</option>
        </select>
      </label>
      {status === "NOT_APPLICABLE" && (
        <label>
          {t("naReason")}
          <textarea name="naReason" rows={2} maxLength={2000} required />
        </label>
      )}
      <label>
        {t("statement")}
        <textarea name="statement" rows={2} maxLength={2000} required />
      </label>
      <label>
        {t("confirmPassword")}
        <input name="password" type="password" autoComplete="current-password" required />
      </label>
      <button type="submit" disabled={pending}>
        {t("signOff")}
      </button>
      <ActionError failure={failure} />
      {done && <span role="status">{t("signedOff")}</span>}
    </form>
  );
}
