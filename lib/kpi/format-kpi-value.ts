import type { KpiUnit } from "./kpi-definitions";

/** A KPI value as people read it: ratios as percent, times in seconds or hours, always with the unit label given. */
export function formatKpiValue(value: number | null, unit: KpiUnit, locale: string, unitLabel: string): string {
  if (value === null || !Number.isFinite(value)) return "—";
  const number = (digits: number, scaled: number) => new Intl.NumberFormat(locale, { maximumFractionDigits: digits, minimumFractionDigits: digits }).format(scaled);
  switch (unit) {
    case "ratio":
      return `${number(1, value * 100)}%`;
    case "ms":
      return `${number(1, value / 1000)} ${unitLabel}`;
    case "hours":
    case "perHour":
      return `${number(1, value)} ${unitLabel}`;
    case "score":
      return number(2, value);
    case "auc":
    case "kappa":
      return number(3, value);
  }
}

export function formatJpy(value: number, locale: string): string {
  return new Intl.NumberFormat(locale, { style: "currency", currency: "JPY", maximumFractionDigits: 0 }).format(Math.round(value));
}
