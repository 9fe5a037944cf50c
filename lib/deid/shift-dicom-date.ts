// DICOM DA is "YYYYMMDD" (PS3.5 6.2); DT is "YYYYMMDDHHMMSS.FFFFFF&ZZXX" with every part after the
// year optional. Only values with a full calendar date can be shifted by days; anything shorter or
// malformed returns undefined and the caller removes the attribute instead of keeping it unshifted.

const dayMs = 86_400_000;

export function parseDicomDate(value: string): Date | undefined {
  const match = /^(\d{4})(\d{2})(\d{2})$/.exec(value.trim());
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  // Date.UTC rolls 20230230 over to March; a date that does not round-trip is not a real date.
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return undefined;
  return date;
}

function formatDicomDate(date: Date): string {
  const year = String(date.getUTCFullYear()).padStart(4, "0");
  const month = String(date.getUTCMonth() + 1).padStart(2, "0");
  const day = String(date.getUTCDate()).padStart(2, "0");
  return `${year}${month}${day}`;
}

export function shiftDicomDate(value: string, shiftDays: number): string | undefined {
  const date = parseDicomDate(value);
  if (!date) return undefined;
  return formatDicomDate(new Date(date.getTime() + shiftDays * dayMs));
}

/** Shifts the date part of a DT and keeps the time of day and UTC offset: a whole-day shift leaves them true. */
export function shiftDicomDateTime(value: string, shiftDays: number): string | undefined {
  const trimmed = value.trim();
  const match = /^(\d{8})(\d{0,6}(?:\.\d{1,6})?(?:[+-]\d{4})?)$/.exec(trimmed);
  if (!match) return undefined;
  const shiftedDate = shiftDicomDate(match[1], shiftDays);
  return shiftedDate === undefined ? undefined : shiftedDate + match[2];
}
