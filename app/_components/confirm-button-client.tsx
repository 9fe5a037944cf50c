"use client";

import { useTranslations } from "next-intl";
import { useRef } from "react";

/**
 * A button for an action that cannot be undone: it opens a modal dialog that says what will happen,
 * and only the dialog's confirm button runs the action. Escape or Cancel leaves everything as it was.
 */
export function ConfirmButton({ label, question, confirmLabel, onConfirm, pending, className = "secondary" }: { label: string; question: string; confirmLabel: string; onConfirm: () => void; pending: boolean; className?: string }) {
  const t = useTranslations("ui");
  const dialog = useRef<HTMLDialogElement>(null);
  return (
    <>
      <button type="button" className={className} disabled={pending} aria-busy={pending} aria-haspopup="dialog" onClick={() => dialog.current?.showModal()}>
        {pending ? t("working") : label}
      </button>
      <dialog ref={dialog} aria-label={label} className="m-auto w-[min(32rem,92vw)]">
        <form method="dialog" className="stack p-5">
          <p>{question}</p>
          <div className="row-actions justify-end">
            <button type="submit" className="secondary" autoFocus>
              {t("cancel")}
            </button>
            <button
              type="button"
              className="danger"
              onClick={() => {
                dialog.current?.close();
                onConfirm();
              }}
            >
              {confirmLabel}
            </button>
          </div>
        </form>
      </dialog>
    </>
  );
}
