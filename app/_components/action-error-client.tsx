"use client";

import { useTranslations } from "next-intl";
import type { ActionFailure } from "@/lib/actions/define-action";

/** Shows an action's failure from the catalogue: the error and, per field, what was wrong. */
export function ActionError({ failure }: { failure: ActionFailure | null }) {
  const t = useTranslations();
  if (!failure) return null;
  const fields = Object.entries(failure.fieldErrors ?? {});
  return (
    <div role="alert" className="alert error">
      <p>{t(`errors.${failure.error}`, failure.params ?? {})}</p>
      {fields.length > 0 && (
        <ul>
          {fields.map(([field, code]) => (
            <li key={field}>
              {t.has(`fields.${field}`) ? t(`fields.${field}`) : field}: {t.has(`validation.${code}`) ? t(`validation.${code}`) : t("validation.invalid")}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
