import { isDeaNumber, isIban, isMyNumber, isNhsNumber, isSocialSecurityNumber, passesLuhn } from "./note-check-digits";
import type { NoteIdentifierCategory, NoteSpan } from "./note-identifier-categories";

// Identifiers with a shape: contact details, record and account numbers, national IDs, licences,
// plates, serials, URLs, IP addresses, ages over 89. A label ("MRN", "旅券番号") says what a value
// is whatever its shape; without one, a shape counts only where a check digit or a strict format
// tells it from a lab value or a dose. Matching runs on the normalised copy (ASCII digits, "-").

type Finder = { category: NoteIdentifierCategory; pattern: RegExp; accept?: (value: string) => boolean };

// After a label: "#", "No.", "number", then ":", "is" or "は".
const labelTail = String.raw`\.?\s*(?:#|No\.?|number|num\.?|番号|ID)?\s*(?:[:=]|\bis\b|は)?\s*#?\s*`;
// A value after a label: a token with a digit (or 1–4 capitals before digits, "ABC 1234"), plus up to
// three more digit-bearing groups ("943 476 5919"), so "lot of 25" is not a lot number.
const labelledValue = String.raw`(?=[A-Za-z0-9\-/.]*\d|[A-Z]{1,4}[ \t]\d)[A-Za-z0-9]+(?:[\-/.][A-Za-z0-9]+)*(?:[ \t](?=[A-Za-z]*\d)[A-Za-z0-9]+(?:[\-/.][A-Za-z0-9]+)*){0,3}(?:[ \t][A-D]\b)?`;

const labels: Array<[NoteIdentifierCategory, string]> = [
  ["PHONE", String.raw`TEL|電話(?:番号)?|携帯(?:電話)?(?:番号)?|連絡先|FAX|Phone|Mobile|Cell|Pager|内線|ext`],
  ["MY_NUMBER", String.raw`マイナンバー(?:カード)?|個人番号(?:カード)?|My ?Number`],
  ["NATIONAL_ID", String.raw`SSN|Social Security(?: No\.?| number)?|SIN|NHS(?: No\.?| number)?|National Insurance(?: No\.?| number)?|NINO|NI(?: No\.?| number)|CHI(?: No\.?| number)?|National ID|Citizen ID|Resident Registration(?: No\.?| number)?|住民票コード|在留カード(?:番号)?|外国人登録(?:番号)?`],
  ["VEHICLE_ID", String.raw`(?:licen(?:c|s)e |number |registration |reg\.? )?plate|vehicle(?: registration| reg\.?| plate| ID)?|car(?: registration| reg\.?)|VIN|車両番号|車台番号|ナンバープレート|ナンバー`],
  ["LICENCE_NO", String.raw`driver'?s licen(?:c|s)e|driving licen(?:c|s)e|licen(?:c|s)e|lic\.|DL|passport|DEA|NPI|prescriber(?: ID| No\.?| number)?|GMC|GPhC|NMC(?: PIN)?|HCPC|AHPRA|certificate|薬剤師免許|看護師免許|医籍登録番号|医籍番号|医籍|医師免許(?:証)?|免許証|運転免許証?|免許|旅券|パスポート|麻薬施用者(?:免許)?|保険医登録`],
  ["ACCOUNT_NO", String.raw`account|acct|bank account|IBAN|credit card|card|口座(?:番号)?|カード番号`],
  ["DEVICE_ID", String.raw`serial(?: No\.?| number)?|S/N|SN|device(?: ID| serial)?|UDI|IMEI|pacemaker(?: serial)?|implant(?: serial| ID)?|lot|製造番号|シリアル(?:番号)?|機器番号|ロット(?:番号)?`],
  ["INSURANCE_NO", String.raw`記号|保険者番号|被保険者証?(?:記号)?(?:番号)?|記号番号|保険証(?:記号)?(?:番号)?|保険番号|受給者番号|公費負担者番号|Insurance(?: No\.?| Number| ID)?|Insurer(?: No\.?| Number)?|Policy(?: No\.?| Number)?|Member(?: ID| No\.?)|Subscriber(?: ID| No\.?)|Health plan(?: ID| No\.?)?|Beneficiary(?: ID| No\.?)?|Medicare|Medicaid`],
  ["ID", String.raw`患者ID|患者番号|カルテ番号|カルテNo|カルテ|診察券番号|診察券|病歴番号|受付番号|登録番号|検体番号|オーダー番号|受診番号|依頼番号|MRN|MR#|Medical record(?: No\.?| number)?|Hospital(?: No\.?| number| ID)|Patient ID|Pt\.? ID|Chart(?: No\.?| number)?|Accession(?: No\.?| number)?|Acc|Specimen(?: ID| No\.?)?|Lab(?: No\.?| number| ID)|Order(?: No\.?| number| ID)|Encounter(?: ID| No\.?)?|Visit(?: ID| No\.?)|Case(?: No\.?| number| ID)|Study ID|Requisition|Sample ID|ID|No\.|番号`],
];

/** A label's source with every ASCII letter matching either case ("MRN", "mrn", "Mrn"); escapes are left alone. */
function caseless(source: string): string {
  let out = "";
  for (let index = 0; index < source.length; index += 1) {
    const character = source[index]!;
    if (character === "\\") {
      out += character + (source[index + 1] ?? "");
      index += 1;
    } else out += /[A-Za-z]/.test(character) && source[index - 1] !== "?" ? `[${character.toLowerCase()}${character.toUpperCase()}]` : character;
  }
  return out;
}

const labelledFinders: Finder[] = labels.map(([category, label]) => ({
  category,
  pattern: new RegExp(String.raw`(?<=(?:^|[^A-Za-z])(?:${caseless(label)})${caseless(labelTail)})${labelledValue}`, "gu"),
  accept: (value) => /\d.*\d/.test(value),
}));

const usStates = "AL|AK|AZ|AR|CA|CO|CT|DE|FL|GA|HI|ID|IL|IN|IA|KS|KY|LA|ME|MD|MA|MI|MN|MS|MO|MT|NE|NV|NH|NJ|NM|NY|NC|ND|OH|OK|OR|PA|RI|SC|SD|TN|TX|UT|VT|VA|WA|WV|WI|WY|DC";
const unitAfter = String.raw`(?!\s*(?:/|mg|g\b|mL|ml|L\b|IU|U\b|%|個|cells|copies|mm|cm|kg|回|錠|単位|円|JPY|yen))`;
const numberThenUnit = /^\d+(?:\.\d+)?[A-Za-zµ/%]+$/;

const shapeFinders: Finder[] = [
  { category: "EMAIL", pattern: /[A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,}/g },
  { category: "URL", pattern: /\b(?:https?:\/\/|www\.)[^\s<>"'、。()（）]+[^\s<>"'、。()（）.,;:]/gi },
  { category: "URL", pattern: /\b[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:com|org|net|edu|gov|info|io|me|co\.jp|ne\.jp|or\.jp|ac\.jp|go\.jp|jp|co\.uk|org\.uk|nhs\.uk|uk)\b(?:\/[^\s、。]*[^\s、。.,;:])?/gi },
  { category: "IP_ADDRESS", pattern: /(?<![\d.])(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?![\d.]*\d)/g },
  { category: "IP_ADDRESS", pattern: /(?<![\w:])(?:[0-9a-f]{1,4}:){7}[0-9a-f]{1,4}(?![\w:])|(?<![\w:])(?:[0-9a-f]{1,4}:){1,6}:(?:[0-9a-f]{1,4}(?::[0-9a-f]{1,4}){0,5})?(?![\w:])/gi, accept: (value) => /[a-f]/i.test(value) || value.includes("::") },
  { category: "NATIONAL_ID", pattern: /(?<![\d-])\d{3}-\d{2}-\d{4}(?![\d-])/g, accept: isSocialSecurityNumber },
  { category: "NATIONAL_ID", pattern: /(?<![\d-])\d{3}[ -]\d{3}[ -]\d{4}(?![\d-])/g, accept: isNhsNumber },
  { category: "NATIONAL_ID", pattern: /\b[A-CEGHJ-PR-TW-Z]{2} ?\d{2} ?\d{2} ?\d{2} ?[A-D]\b/g },
  { category: "ACCOUNT_NO", pattern: /(?<![\d-])\d{4}(?:[ -]?\d{4}){2}[ -]?\d{1,7}(?![\d-])/g, accept: (value) => value.replace(/\D/g, "").length >= 13 && passesLuhn(value) },
  { category: "ACCOUNT_NO", pattern: /\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,4})?\b/g, accept: isIban },
  { category: "MY_NUMBER", pattern: /(?<![\d-])\d{4}[ -]?\d{4}[ -]?\d{4}(?![\d-])/g, accept: isMyNumber },
  { category: "ID", pattern: /(?<![\d-])\d{4}[ -]\d{4}[ -]\d{4}(?![\d-])/g },
  { category: "LICENCE_NO", pattern: /\b[A-Z]{2}\d{7}\b/g, accept: isDeaNumber },
  { category: "DEVICE_ID", pattern: /\(01\)\d{14}(?:\(\d{2,4}\)[A-Za-z0-9]+)*/g },
  { category: "DEVICE_ID", pattern: /(?<!\d)\d{15}(?!\d)/g, accept: passesLuhn },
  { category: "VEHICLE_ID", pattern: /(?:[\p{Script=Han}]{1,4}|[\p{Script=Hiragana}]{2,4})\s?\d{2,3}\s?[\p{Script=Hiragana}]\s?\d{1,2}-?\d{2}(?!\d)/gu },
  { category: "VEHICLE_ID", pattern: /\b[A-Z]{2}\d{2} ?[A-Z]{3}\b/g },
  { category: "VEHICLE_ID", pattern: /\b(?=[A-HJ-NPR-Z0-9]*\d)(?=(?:[0-9]*[A-HJ-NPR-Z]){3})[A-HJ-NPR-Z0-9]{17}\b/g },

  { category: "PHONE", pattern: /(?<![\d\-+])(?:\+81[\s-]?\(?0?\d{1,4}\)?|0\d{1,4})[\s-]\d{1,4}[\s-]\d{3,4}(?![\d-])/g },
  { category: "PHONE", pattern: /(?<![\d-])(?:0\d{1,4}\s?\(\d{1,4}\)\s?\d{3,4}|\(0?\d{1,4}\)\s?\d{1,4}[\s-]\d{4})(?![\d-])/g },
  { category: "PHONE", pattern: /(?<![\d-])0[5789]0\d{8}(?!\d)|(?<![\d-])0\d{9}(?!\d)/g },
  { category: "PHONE", pattern: /(?<![\d-])\d{3}[.-]\d{3}[.-]\d{4}(?![\d-])/g },
  { category: "PHONE", pattern: /(?<![\w+])\+\d{1,3}(?:[\s-]?\(?\d{1,4}\)?){2,5}(?![\d-])/g, accept: (value) => value.replace(/\D/g, "").length >= 8 },
  { category: "PHONE", pattern: /(?<![\d-])0\d{2,4} ?\d{3,4} ?\d{3,4}(?![\d-])/g, accept: (value) => value.replace(/\D/g, "").length >= 10 && value.includes(" ") },

  { category: "POSTAL_CODE", pattern: /〒\s*\d{3}\s*-?\s*\d{4}/g },
  { category: "POSTAL_CODE", pattern: /(?<![\d-])\d{3}-\d{4}(?![\d-])(?=\s*[\p{Script=Han}])/gu },
  { category: "POSTAL_CODE", pattern: /(?<=(?:郵便番号|Postal code|Post code|Postcode|ZIP(?: code)?)\s*[:=]?\s*)\d{3}-?\d{4}(?:-\d{4})?|(?<=ZIP(?: code)?\s*[:=]?\s*)\d{5}(?:-\d{4})?/gi },
  { category: "POSTAL_CODE", pattern: new RegExp(String.raw`(?<=\b(?:${usStates}),?\s)\d{5}(?:-\d{4})?\b`, "g") },
  { category: "POSTAL_CODE", pattern: /\b(?:[A-PR-UWYZ][A-HK-Y]?\d[A-Z\d]?|GIR) ?\d[ABD-HJLNP-UW-Z]{2}\b/g },

  // Any other unique number: long digit runs, and letter-and-digit codes with four digits or more.
  { category: "ID", pattern: new RegExp(String.raw`(?<![\d.,\-])\d{7,}(?![\d.,\-])${unitAfter}`, "g") },
  // (not a classification written letter-digit-letter-digit: Oxford M1E1S1T0C2, DESIGN-R d2-e1s3i0g0n0p0)
  { category: "ID", pattern: /\b(?=[A-Za-z0-9-]*[A-Za-z])(?=(?:[A-Za-z-]*\d){4})[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*\b/g, accept: (value) => value.length >= 5 && !numberThenUnit.test(value) && !/^(?:[A-Za-z]{1,2}\d-?)+[A-Za-z]?$/.test(value) },
  // Codes in slashed groups ("CUS/2026/44812"): letters and five digits or more, so "mL/min/1.73m2" stays.
  { category: "ID", pattern: /\b[A-Z]{2,}[A-Z0-9]*(?:\/[A-Z0-9]+){2,}\b/g, accept: (value) => (value.match(/\d/g)?.length ?? 0) >= 5 },
  // Image and document file names carry dates, serials and sometimes names: DSC_0047_ulcer.JPG.
  { category: "ID", pattern: /(?<![\w.])[\w\-]*\d[\w\-]*\.(?:jpe?g|png|gif|heic|tiff?|bmp|dcm|mp4|mov|pdf)\b/gi },
];

// Ages over 89 (Safe Harbor puts them in one "90 or older" band): the number becomes "≥90".
const ageOver89 = String.raw`(?:9\d|1[0-4]\d)`;
const ageFinders: Finder[] = [
  { category: "AGE_OVER_89", pattern: new RegExp(String.raw`(?<!\d)${ageOver89}(?=\s*(?:歳|才|yo\b|y/o|y\.o\.|-?years?[- ]old|-?yr[- ]old|-?year-old|yrs?\b|y\b|\s?[MF]\b|-year))`, "gi") },
  { category: "AGE_OVER_89", pattern: new RegExp(String.raw`(?<=\b(?:aged?|age:|died at|passed away at|death at|deceased at|at age)\s*)${ageOver89}(?!\d)`, "gi") },
  { category: "AGE_OVER_89", pattern: /(?<=(?:年齢|満)\s*[:]?\s*)(?:9\d|1[0-4]\d)(?!\d)/g },
  // "Re: Arthur Pennington (96), Rose Cottage": an age in brackets after a labelled name.
  { category: "AGE_OVER_89", pattern: /(?<=\b(?:Re|RE|Patient|Pt|Name|Client|Resident)\s*:[^\n()]{2,40}\(\s*)(?:9\d|1[0-4]\d)(?=\s*\))/g },
  { category: "AGE_OVER_89", pattern: /[一二三四五六七八九]?[百]?九十[一二三四五六七八九]?(?=\s*(?:歳|才))|百[一二三四五六七八九十]*(?=\s*(?:歳|才))/g },
  { category: "AGE_OVER_89", pattern: /(?<=\b(?:aged?|turns?|turning|will be|is)\s+)ninety(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?\b|\bninety(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?(?=\s+(?:next|this)\s+(?:month|week|year|birthday)|\s+today)/gi },
  { category: "AGE_OVER_89", pattern: /\bninety(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?(?=[- ]years?[- ]old|[- ]year-old)|\b(?:a )?(?:nonagenarian|centenarian)\b/gi },
];

function find(text: string, finders: Finder[], spans: NoteSpan[], replacement?: string): void {
  for (const finder of finders) {
    for (const match of text.matchAll(finder.pattern)) {
      // A code run into the next word ("K2708407NYHA" in unspaced Japanese) ends at its last digit.
      const value = match[0].replace(/(?<=\d)[A-Za-z]{3,}$/, "");
      if (value.trim() === "" || (finder.accept && !finder.accept(value))) continue;
      spans.push({ start: match.index, end: match.index + value.length, category: finder.category, ...(replacement === undefined ? {} : { replacement }) });
    }
  }
}

/** Spans of structured identifiers in the normalised note. */
export function findStructuredIdentifiers(text: string): NoteSpan[] {
  const spans: NoteSpan[] = [];
  find(text, labelledFinders, spans);
  find(text, shapeFinders, spans);
  find(text, ageFinders, spans, "≥90");
  return spans;
}
