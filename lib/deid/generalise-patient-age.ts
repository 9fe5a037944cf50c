import { parseDicomDate } from "./shift-dicom-date";

// HIPAA Safe Harbor (45 CFR 164.514(b)(2)(i)(C)) aggregates all ages over 89 into one "90 or older"
// category. DICOM AS cannot say "or older", so 090Y stands for that band; ages up to 89 stay exact.
const oldestExactAgeYears = 89;
const ninetyOrOlderAge = "090Y";

export type GeneralisedAge = { age: string; capped: boolean };

/** A DICOM Age String ("nnnD|W|M|Y", PS3.5 6.2) kept exact up to 89 years, otherwise the 90+ band. */
export function generalisePatientAge(value: string): GeneralisedAge | undefined {
  const match = /^(\d{3})([DWMY])$/.exec(value.trim());
  if (!match) return undefined;
  const count = Number(match[1]);
  if (match[2] === "Y" && count > oldestExactAgeYears) return { age: ninetyOrOlderAge, capped: true };
  return { age: `${match[1]}${match[2]}`, capped: false };
}

/** The age at the study, from two DA values, so the birth date itself never has to be kept. */
export function derivePatientAge(birthDate: string, studyDate: string): GeneralisedAge | undefined {
  const birth = parseDicomDate(birthDate);
  const study = parseDicomDate(studyDate);
  if (!birth || !study || study < birth) return undefined;
  let months = (study.getUTCFullYear() - birth.getUTCFullYear()) * 12 + (study.getUTCMonth() - birth.getUTCMonth());
  if (study.getUTCDate() < birth.getUTCDate()) months -= 1;
  const years = Math.floor(months / 12);
  if (years > oldestExactAgeYears) return { age: ninetyOrOlderAge, capped: true };
  if (years >= 1) return { age: `${String(years).padStart(3, "0")}Y`, capped: false };
  if (months >= 1) return { age: `${String(months).padStart(3, "0")}M`, capped: false };
  const days = Math.round((study.getTime() - birth.getTime()) / 86_400_000);
  return { age: `${String(days).padStart(3, "0")}D`, capped: false };
}
