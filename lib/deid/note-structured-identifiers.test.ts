import { describe, expect, it } from "vitest";
import { findStructuredIdentifiers } from "./note-structured-identifiers";
import { buildNoteTextView } from "./note-text-view";

/** What the detector takes from a note, as [category, text of the normalised copy]. */
function found(note: string): Array<[string, string]> {
  const { text } = buildNoteTextView(note);
  return findStructuredIdentifiers(text).map((span) => [span.category, text.slice(span.start, span.end)]);
}
const values = (note: string) => found(note).map(([, value]) => value);

describe("findStructuredIdentifiers", () => {
  it.each([
    ["NATIONAL_ID", "SSN 527-84-1936 on the face sheet", "527-84-1936"],
    ["NATIONAL_ID", "unlabelled 412-59-8830 in prose", "412-59-8830"],
    ["NATIONAL_ID", "NHS No. 401 023 8712", "401 023 8712"],
    ["NATIONAL_ID", "UK NI number QQ 12 34 56 C", "QQ 12 34 56 C"],
    ["NATIONAL_ID", "CHI 0712915436", "0712915436"],
    ["NATIONAL_ID", "在留カード番号 AB12345678CD", "AB12345678CD"],
    ["MY_NUMBER", "番号 3184 7265 9405（転記不要）", "3184 7265 9405"],
    ["ID", "MRN: 00482917", "00482917"],
    ["ID", "Accession #: CT2026031144", "CT2026031144"],
    ["ID", "block S26-11873-A2 reviewed", "S26-11873-A2"],
    ["ID", "Custody number CUS/2026/44812", "CUS/2026/44812"],
    ["ID", "photo DSC_0047_ulcer.JPG uploaded", "DSC_0047_ulcer.JPG"],
    ["INSURANCE_NO", "保険者番号 06139917", "06139917"],
    ["ACCOUNT_NO", "card 4532 0151 1283 0366 declined", "4532 0151 1283 0366"],
    ["LICENCE_NO", "passport no. 567123984", "567123984"],
    ["LICENCE_NO", "DEA BM4821737", "BM4821737"],
    ["LICENCE_NO", "prescriber number 1548203961", "1548203961"],
    ["LICENCE_NO", "旅券 TZ1048237", "TZ1048237"],
    ["LICENCE_NO", "Pharmacist GPhC number 2081234.", "2081234"],
    ["VEHICLE_ID", "VIN 1HGCM82633A004352", "1HGCM82633A004352"],
    ["VEHICLE_ID", "reg KX19 HZT parked", "KX19 HZT"],
    ["VEHICLE_ID", "車両（品川 300 さ 12-34）", "品川 300 さ 12-34"],
    ["DEVICE_ID", "device serial PZX604218H", "PZX604218H"],
    ["DEVICE_ID", "UDI (01)00884521045632(17)280101(10)LOT4471B", "(01)00884521045632(17)280101(10)LOT4471B"],
    ["URL", "see https://pacs.example-health.org/viewer?study=88231 now", "https://pacs.example-health.org/viewer?study=88231"],
    ["URL", "portal www.myheartclinic.co.uk/patients/ab12cd", "www.myheartclinic.co.uk/patients/ab12cd"],
    ["IP_ADDRESS", "from 172.16.40.12 failed", "172.16.40.12"],
    ["IP_ADDRESS", "gateway 2001:db8:85a3::8a2e:370:7334", "2001:db8:85a3::8a2e:370:7334"],
    ["EMAIL", "mail m.ellison1951@example.com today", "m.ellison1951@example.com"],
    ["PHONE", "phone (208) 555-0147", "(208) 555-0147"],
    ["PHONE", "携帯 090-3318-7722", "090-3318-7722"],
    ["PHONE", "折り返し先 070 1188 2043", "070 1188 2043"],
    ["POSTAL_CODE", "Bristol BS6 6AF", "BS6 6AF"],
    ["POSTAL_CODE", "Boise, ID 83702", "83702"],
    ["POSTAL_CODE", "〒812-0011 福岡市", "〒812-0011"],
    ["POSTAL_CODE", "送付先 060-0042 札幌市", "060-0042"],
  ])("%s: %s", (category, note, value) => {
    expect(found(note)).toContainEqual([category, value]);
  });

  it.each([
    ["A 91-year-old man", "91"],
    ["97y M from a care home", "97"],
    ["aged 94, living alone", "94"],
    ["grandfather died at 95 of pneumonia", "95"],
    ["96歳女性", "96"],
    ["年齢：九十七歳", "九十七"],
    ["百二歳の女性", "百二"],
    ["Re: Arthur Pennington (96), Rose Cottage", "96"],
    ["A widow - ninety-two next month - with falls", "ninety-two"],
    ["She turns ninety-one in May", "ninety-one"],
  ])("bands an age over 89: %s", (note, age) => {
    expect(found(note)).toContainEqual(["AGE_OVER_89", age]);
  });

  it("reads identifiers hidden by full-width, kanji or other dash characters", () => {
    expect(values("TEL ０９０－１２３４－５６７８")).toContain("090-1234-5678");
    expect(values("携帯：〇八〇ー四四一二ー九九〇三")).toContain("080-4412-9903");
    expect(values("Pt ID: M\u2011R\u20114\u20118\u20118\u20112\u20111\u20117.")).toContain("M-R-4-8-8-2-1-7");
    expect(values("個人番号 ４８８３\u200b００１２\u200b９５７１")).toContain("488300129571");
  });

  it.each(["BP 132/78, HR 84", "eGFR 58 mL/min/1.73m2", "CA 19-9 35 U/mL", "pT1cN0M0, ER 95%", "Plt 21.4×10^4/µL", "WBC 15200/µL", "HbA1c 7.4%", "1日3回 7日分", "CTR 58%", "89歳男性", "an 89-year-old", "Oxford分類 M1E1S1T0C2", "DESIGN-R d2-e1s3i0g0n0p0", "Hb (96) stable"])("leaves clinical numbers alone: %s", (note) => {
    expect(found(note)).toEqual([]);
  });
});
