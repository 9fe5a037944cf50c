// What the note scrubber removes: the HIPAA Safe Harbor kinds that can occur in free text
// (45 CFR 164.514(b)(2)(i)) and their Japanese counterparts under APPI (マイナンバー, 保険者番号…).
// Biometrics and photographs cannot occur in text; "any other unique number" falls under ID.
export const noteIdentifierCategories = [
  "NAME",
  "PHONE",
  "ID",
  "ADDRESS",
  "DATE_OF_BIRTH",
  "EMAIL",
  "INSURANCE_NO",
  "MY_NUMBER",
  "POSTAL_CODE",
  "DATE",
  "AGE_OVER_89",
  "FACILITY",
  "ORGANISATION",
  "NATIONAL_ID",
  "LICENCE_NO",
  "ACCOUNT_NO",
  "VEHICLE_ID",
  "DEVICE_ID",
  "URL",
  "IP_ADDRESS",
  "UNIQUE_EVENT",
] as const;

export type NoteIdentifierCategory = (typeof noteIdentifierCategories)[number];

/**
 * A stretch of the normalised note to replace: by `replacement` (shifted dates, age bands) or by
 * `[CATEGORY]`. `weak`: a tagger's guess or a repeated name, which yields to a protected eponym.
 */
export type NoteSpan = { start: number; end: number; category: NoteIdentifierCategory; replacement?: string; weak?: boolean };

export function emptyNoteCounts(): Record<NoteIdentifierCategory, number> {
  return Object.fromEntries(noteIdentifierCategories.map((category) => [category, 0])) as Record<NoteIdentifierCategory, number>;
}
