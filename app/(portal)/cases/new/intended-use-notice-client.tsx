"use client";

import { useTranslations } from "next-intl";
import type { CasePreview } from "@/lib/cases/submit-case";

// The preview's intended-use verdict, before the clinician submits: refused, or accepted and flagged.
export function IntendedUseNotice({ intendedUse }: { intendedUse: CasePreview["intendedUse"] | undefined }) {
  const t = useTranslations("modelV2");
  if (!intendedUse?.outOfIntendedUse) return null;
  const reasons = intendedUse.reasons.map((reason) => t(`reasons.${reason}`)).join(", ");
  return (
    <p className={`alert ${intendedUse.policy === "REFUSE" ? "error" : "warning"}`} role="alert" data-testid="intended-use-notice">
      {t(intendedUse.policy === "REFUSE" ? "preview.refused" : "preview.flagged", { reasons })}
    </p>
  );
}
