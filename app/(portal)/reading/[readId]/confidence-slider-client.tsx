"use client";

import { useTranslations } from "next-intl";

/**
 * Confidence 0–100 with its value shown. It starts unset (no thumb value is assumed): a read cannot be
 * sent with a confidence the reader never chose.
 */
export function ConfidenceSlider({ value, onChange, missing }: { value: number | null; onChange: (value: number) => void; missing: boolean }) {
  const t = useTranslations("reading");
  const tForm = useTranslations("readingForm");
  return (
    <div className="stack gap-1">
      <label htmlFor="confidence" className="flex-row items-baseline justify-between">
        <span>{t("confidence")}</span>
        <output htmlFor="confidence" data-testid="confidence-value" className={`tabular-nums ${value === null ? "text-muted" : "font-semibold"}`}>
          {value === null ? tForm("confidenceUnset") : value}
        </output>
      </label>
      <input
        id="confidence"
        type="range"
        name="confidence"
        min={0}
        max={100}
        step={1}
        value={value ?? 50}
        aria-valuetext={value === null ? tForm("confidenceUnset") : String(value)}
        aria-invalid={missing || undefined}
        aria-describedby="confidence-hint"
        className={value === null ? "opacity-60" : undefined}
        onChange={(event) => onChange(Number(event.target.value))}
        // A click or key press on the thumb where it stands is a choice too (e.g. exactly 50).
        onPointerUp={(event) => onChange(Number(event.currentTarget.value))}
        onKeyUp={(event) => onChange(Number(event.currentTarget.value))}
      />
      <span id="confidence-hint" className={`small ${missing ? "text-danger" : "muted"}`} role={missing ? "alert" : undefined}>
        {missing ? tForm("confidenceRequired") : tForm("confidenceHint")}
      </span>
    </div>
  );
}
