"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { ActionError } from "@/app/_components/action-error-client";
import { useAction } from "@/app/_components/use-action-client";
import type { ActionFailure } from "@/lib/actions/define-action";
import type { ChecklistStatus } from "@/lib/db/generated/enums";
import { isChecklistItemSigned } from "@/lib/governance/checklist-progress";
import type { SignOffItemInput } from "@/lib/governance/schema";
import { addCommentAction, addEvidenceLinkAction, signOffItemAction, updateChecklistItemAction } from "./actions";

type Option = { id: string; label: string };

export function ItemWorkForm({ item, owners }: { item: { id: string; ownerId: string | null; dueDate: string | null; status: ChecklistStatus }; owners: Option[] }) {
  const t = useTranslations("governance");
  const { failure, done, pending, submit } = useAction();
  const signed = isChecklistItemSigned(item);
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

type Verdict = SignOffItemInput["status"];

/**
 * The signature: no verdict is chosen until the signer picks one (nor on the server). When a second
 * signer confirms a pending "not applicable", the pending reason is offered as it stands.
 */
export function SignOffForm({ itemId, evidenceNeeded, awaitingNaReason }: { itemId: string; evidenceNeeded: string; awaitingNaReason: string | null }) {
  const t = useTranslations("governance");
  const { failure, done, pending, submit } = useAction();
  const [status, setStatus] = useState<Verdict | "">("");
  // The server names the rule; the item's evidence text is shown in the reader's language.
  const shownFailure = failure?.error === "CHECKLIST_EVIDENCE_REQUIRED" ? { ...failure, params: { evidence: evidenceNeeded } } : failure;
  return (
    <form
      className="stack form-grid popover"
      data-testid="sign-off-form"
      onSubmit={submit(async (form) => {
        const result = await signOffItemAction({
          itemId,
          status: status as Verdict,
          statement: String(form.get("statement")),
          naReason: status === "NOT_APPLICABLE" ? String(form.get("naReason") ?? "") : undefined,
          password: String(form.get("password")),
        });
        if (result.ok) setStatus("");
        return result;
      }, { resetOnSuccess: true })}
    >
      <label>
        {t("signOffStatus")}
        <select name="status" value={status} required onChange={(event) => setStatus(event.target.value as Verdict | "")}>
          <option value="" disabled>
            {t("chooseVerdict")}
          </option>
          <option value="APPROVED">{t("statuses.APPROVED")}</option>
          <option value="NOT_APPLICABLE">{t("statuses.NOT_APPLICABLE")}</option>
          <option value="OPEN">{t("reopen")}</option>
        </select>
      </label>
      {status === "NOT_APPLICABLE" && (
        <label>
          {t("naReason")}
          <textarea name="naReason" rows={2} maxLength={2000} required defaultValue={awaitingNaReason ?? ""} />
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
      <button type="submit" disabled={pending || status === ""}>
        {t("signOff")}
      </button>
      <ActionError failure={shownFailure} />
      {done && <span role="status">{t("signedOff")}</span>}
    </form>
  );
}
