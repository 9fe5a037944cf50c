// Reads the hand-written de-identification set (tests/fixtures/deid/handwritten-*.jsonl). Each line is a
// note whose identifiers are marked where they stand, so an annotation cannot drift from its text:
//   [[kind:value]]   a planted identifier; "|" inside the value marks parts that must each be gone
//                    ("横浜市港北区|日吉本町3丁目14-8") and is not part of the note;
//   {{phrase}}       clinical text that must survive word for word.
// The notes were written by hand before the scrubber was tuned against them, in styles the corpus
// generator does not produce; one note in three is split "holdout" and scored only at the end.
import { readFileSync } from "node:fs";

/** Every kind a planted identifier may have: the 18 HIPAA Safe Harbor kinds (45 CFR 164.514(b)(2)(i) (A)–(R)) and APPI counterparts. */
export const plantedKinds = {
  name: "(A) names of the patient, relatives, household members, staff; APPI 氏名",
  address: "(B) street address, town, city; APPI 住所",
  postcode: "(B) ZIP code, postcode; 郵便番号",
  place: "(B) a city, town, island or district named alone",
  facility: "(B)/(R) hospitals, clinics, pharmacies that place the patient",
  date: "(C) dates (not the year alone) of admission, discharge, procedures",
  dob: "(C) birth dates; 生年月日",
  age90: "(C) ages over 89 and their elements",
  phone: "(D) telephone numbers; 電話番号",
  fax: "(E) fax numbers",
  email: "(F) e-mail addresses",
  ssn: "(G) social security numbers",
  mrn: "(H) medical record numbers; カルテ番号, 患者ID",
  "health-plan": "(I) health plan beneficiary numbers; 保険者番号, 被保険者記号・番号",
  account: "(J) account numbers; 口座番号",
  licence: "(K) certificate and licence numbers; 運転免許証, 旅券, 医籍登録番号, DEA, NPI",
  vehicle: "(L) vehicle identifiers, plates, VINs; ナンバープレート",
  device: "(M) device identifiers and serial numbers",
  url: "(N) web addresses",
  ip: "(O) IP addresses",
  biometric: "(P) biometric identifiers (their enrolment codes in text)",
  photo: "(Q) full-face photographs and comparable images (their file names in text)",
  accession: "(R) other unique numbers: accession, order, specimen, trial subject codes",
  "national-id": "(R) foreign national IDs: NHS, CHI, SIN, NINO; 在留カード, 基礎年金番号",
  "my-number": "APPI 個人番号 (マイナンバー)",
  employer: "(R) employers; 勤務先",
  school: "(R) schools; 学校",
  "care-home": "(R) care homes; 施設",
  "unique-event": "(R) unique characteristics or events that single a person out",
} as const;

export type PlantedKind = keyof typeof plantedKinds;
export type AnnotatedPlanted = { kind: PlantedKind; value: string; parts: string[] };
export type AnnotatedNote = {
  id: string;
  split: "tune" | "holdout";
  language: "ja" | "en";
  style: string;
  text: string;
  planted: AnnotatedPlanted[];
  clinical: string[];
};

const markup = /\[\[([a-z0-9-]+):([\s\S]*?)\]\]|\{\{([\s\S]*?)\}\}/g;
const isKind = (kind: string): kind is PlantedKind => Object.hasOwn(plantedKinds, kind);
// A part shorter than two visible characters ("K." of "K. Osei", "翔") says nothing on its own.
const visibleLength = (value: string) => value.replace(/[\p{Cf}\s.,]/gu, "").length;

/** One annotated line: the note as written, with what was planted in it and what must survive. */
export function parseAnnotatedNote(line: string): AnnotatedNote {
  const raw = JSON.parse(line) as Omit<AnnotatedNote, "planted" | "clinical">;
  const planted: AnnotatedPlanted[] = [];
  const clinical: string[] = [];
  const text = raw.text.replace(markup, (_match, kind: string | undefined, value: string | undefined, phrase: string | undefined) => {
    if (phrase !== undefined) {
      clinical.push(phrase);
      return phrase;
    }
    if (!kind || value === undefined || !isKind(kind)) throw new Error(`${raw.id}: unknown kind "${kind}"`);
    const whole = value.replace(/\|/g, "");
    const pieces = value.split("|").flatMap((piece) => (kind === "name" ? piece.split(/[ \u3000,]+/u) : [piece.replace(/^[\s,]+|[\s,]+$/gu, "")]));
    planted.push({ kind, value: whole, parts: pieces.length > 1 ? pieces.filter((piece) => visibleLength(piece) >= 2) : [] });
    return whole;
  });
  if (/\[\[|\]\]|\{\{|\}\}/.test(text)) throw new Error(`${raw.id}: unbalanced markup`);
  return { ...raw, text, planted, clinical };
}

export function readAnnotatedNotes(file: string): AnnotatedNote[] {
  return readFileSync(file, "utf8")
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map(parseAnnotatedNote);
}
