export type PeriodLength = "WEEK" | "MONTH";

/** The start (UTC midnight) of the period holding `at`: the first of the month, or the Monday of the ISO week. */
export function periodStartOf(at: Date, length: PeriodLength): Date {
  if (length === "MONTH") return new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), 1));
  const day = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate()));
  const sinceMonday = (day.getUTCDay() + 6) % 7;
  return new Date(day.getTime() - sinceMonday * 86_400_000);
}

export const periodKey = (start: Date) => start.toISOString().slice(0, 10);

/** Whole months since adoption, banded for the reading-time-by-exposure figures. */
export function exposureBand(adoptedAt: Date, at: Date): string {
  const months = (at.getUTCFullYear() - adoptedAt.getUTCFullYear()) * 12 + (at.getUTCMonth() - adoptedAt.getUTCMonth());
  if (months < 3) return "0-2";
  if (months < 6) return "3-5";
  if (months < 12) return "6-11";
  return "12+";
}

/** Lab value → decile index by the baseline's inner edges (0–9). */
export function decileOf(value: number, edges: number[]): number {
  let index = 0;
  while (index < edges.length && value > edges[index]!) index++;
  return index;
}

/** AI score → one of 20 bins of width 0.05. */
export const scoreBins = 20;
export const scoreBinOf = (score: number) => Math.min(scoreBins - 1, Math.floor(score * scoreBins));
