"use client";

import { useLocale, useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { ActionError } from "@/app/_components/action-error-client";
import { postForm } from "@/app/_components/post-form";
import type { ActionFailure } from "@/lib/actions/define-action";
import { IntendedUseNotice } from "./intended-use-notice-client";
import type { CasePreview } from "@/lib/cases/submit-case";

export type PocOption = { id: string; title: string; labs: { key: string; label: string; unit: string; min: number; max: number }[] };

type UploadAnswer = { preview?: CasePreview; case?: { caseId: string; code: string; duplicate: boolean }; inference?: { status: string; errorCode: string | null } };

/**
 * Two steps: "check" de-identifies the upload in memory on the server and shows what was removed;
 * "submit" sends the same files again with the same idempotency key, so a double click or a retry
 * still creates one case.
 */
export function NewCaseForm({ pocs }: { pocs: PocOption[] }) {
  const t = useTranslations("cases");
  const locale = useLocale();
  const router = useRouter();
  const form = useRef<HTMLFormElement>(null);
  const idempotencyKey = useRef(crypto.randomUUID());
  const [pocId, setPocId] = useState(pocs[0]!.id);
  const [preview, setPreview] = useState<CasePreview | null>(null);
  const [failure, setFailure] = useState<ActionFailure | null>(null);
  const [pending, setPending] = useState<{ files: number } | null>(null);
  const seconds = useElapsedSeconds(pending !== null);
  const poc = pocs.find((option) => option.id === pocId)!;

  async function send(mode: "preview" | "submit") {
    if (!form.current || pending) return;
    const data = new FormData(form.current);
    const labs: Record<string, number | null> = {};
    for (const lab of poc.labs) {
      const raw = String(data.get(`lab-${lab.key}`) ?? "").trim();
      labs[lab.key] = raw === "" ? null : Number(raw);
      data.delete(`lab-${lab.key}`);
    }
    data.set("labs", JSON.stringify(labs));
    data.set("mode", mode);
    data.set("idempotencyKey", idempotencyKey.current);
    data.set("confirmBurnedIn", data.get("confirmBurnedIn") ? "true" : "false");
    setPending({ files: data.getAll("files").filter((file) => file instanceof File && file.size > 0).length });
    const answer = await postForm<UploadAnswer>("/api/cases", data);
    setPending(null);
    if (!answer.ok) return setFailure(answer);
    setFailure(null);
    if (answer.preview) setPreview(answer.preview);
    if (answer.case) router.push(`/cases/${answer.case.caseId}?submitted=1`);
  }

  return (
    <form ref={form} className="stack form-grid" onSubmit={(event) => event.preventDefault()} onChange={(event) => (event.target as unknown as HTMLInputElement).name !== "confirmBurnedIn" && setPreview(null)}>
      <label>
        {t("poc")}
        <select name="pocId" value={pocId} onChange={(event) => setPocId(event.target.value)}>
          {pocs.map((option) => (
            <option key={option.id} value={option.id}>
              {option.title}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t("files")}
        <input type="file" name="files" multiple required accept=".dcm,application/dicom,image/png,image/jpeg" />
        <small className="muted">{t("filesHelp")}</small>
      </label>
      <fieldset className="stack">
        <legend>{t("labs")}</legend>
        <small className="muted">{t("labsHelp")}</small>
        {poc.labs.map((lab) => (
          <label key={lab.key}>
            {lab.label} ({lab.unit})
            <input name={`lab-${lab.key}`} type="number" step="any" min={lab.min} max={lab.max} placeholder={`${lab.min}–${lab.max}`} />
          </label>
        ))}
      </fieldset>
      <label>
        {t("note")}
        <textarea name="note" rows={5} maxLength={5000} />
        <small className="muted">{t("noteHelp")}</small>
      </label>
      <label>
        {t("noteLanguage")}
        <select name="noteLanguage" defaultValue={locale}>
          <option value="ja">日本語</option>
          <option value="en">English</option>
        </select>
      </label>
      <ActionError failure={failure} />
      {preview && <DeidPreview preview={preview} />}
      {/* De-identifying and decoding large images takes seconds each: say what is happening and for how long. */}
      <p role="status" aria-live="polite" className="muted">
        {pending ? t("processingImages", { files: pending.files, seconds }) : null}
      </p>
      <div className="row-actions">
        <button type="button" className="secondary" disabled={pending !== null} aria-busy={pending !== null} onClick={() => send("preview")}>
          {t("check")}
        </button>
        <button type="button" disabled={pending !== null || !preview} aria-busy={pending !== null} onClick={() => send("submit")}>
          {pending ? t("working") : t("submit")}
        </button>
      </div>
    </form>
  );
}

/** Whole seconds while `running`, ticking once a second; back to 0 when it stops. */
function useElapsedSeconds(running: boolean): number {
  const [seconds, setSeconds] = useState(0);
  useEffect(() => {
    if (!running) return;
    const startedAt = Date.now();
    const timer = setInterval(() => setSeconds(Math.floor((Date.now() - startedAt) / 1000)), 1000);
    return () => {
      clearInterval(timer);
      setSeconds(0);
    };
  }, [running]);
  return seconds;
}

function DeidPreview({ preview }: { preview: CasePreview }) {
  const t = useTranslations("cases");
  const noteCounts = Object.entries(preview.summary.note).filter(([, count]) => count > 0);
  const dicomCounts = Object.entries(preview.summary.dicom).filter(([, count]) => count > 0);
  const imageCounts = Object.entries(preview.summary.images).filter(([, count]) => count > 0);
  return (
    <div className="panel" data-testid="deid-summary">
      <h2>{t("removedTitle")}</h2>
      <p className="muted">{t("removedIntro")}</p>
      <dl className="kv">
        {[...dicomCounts.map(([key, count]) => [`dicom.${key}`, count] as const), ...imageCounts.map(([key, count]) => [`images.${key}`, count] as const), ...noteCounts.map(([key, count]) => [`note.${key}`, count] as const)].map(([key, count]) => (
          <div key={key} style={{ display: "contents" }}>
            <dt>{t.has(`deid.${key}`) ? t(`deid.${key}`) : key}</dt>
            <dd>{count}</dd>
          </div>
        ))}
      </dl>
      <h3>{t("redactedNoteTitle")}</h3>
      <p className="muted">{t("redactedNoteIntro")}</p>
      {/* Plain text in a <pre>: React escapes it, so a note can never become markup. */}
      <pre data-testid="redacted-note" style={{ whiteSpace: "pre-wrap" }}>
        {preview.note}
      </pre>
      <ul>
        {preview.files.map((file) => (
          <li key={file.index}>
            {t("fileLine", { index: file.index + 1, kind: file.kind.toUpperCase(), modality: file.modality, width: file.width, height: file.height, frames: file.frames })}
          </li>
        ))}
      </ul>
      <IntendedUseNotice intendedUse={preview.intendedUse} />
      {preview.burnedInRisk && (
        <label className="inline alert error">
          <input type="checkbox" name="confirmBurnedIn" /> {t("confirmBurnedIn")}
        </label>
      )}
    </div>
  );
}
