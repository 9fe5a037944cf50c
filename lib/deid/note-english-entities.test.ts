import { describe, expect, it } from "vitest";
import { findEnglishEntities } from "./note-english-entities";
import { buildNoteTextView } from "./note-text-view";

function found(note: string): Array<[string, string]> {
  const { text } = buildNoteTextView(note);
  return findEnglishEntities(text, { tag: true }).map((span) => [span.category, text.slice(span.start, span.end)]);
}
/** Whether a span of the category covers the value (a span may reach a little further). */
const covers = (note: string, category: string, value: string) => found(note).some(([kind, span]) => kind === category && span.includes(value));

describe("findEnglishEntities", () => {
  it.each([
    ["Patient John Smith, MRN 4471123, seen today.", "John Smith"],
    ["Mr. Callum Fraser was the surgeon.", "Callum Fraser"],
    ["Ms Priya Raman (DOB below) admitted.", "Priya Raman"],
    ["Dad (Ray Kowalczyk) - HTN, AAA repair.", "Ray Kowalczyk"],
    ["Her daughter, Grace Okafor, called.", "Grace Okafor"],
    ["Seen with his wife Samira today.", "Samira"],
    ["Emily Clarke presented with chest pain.", "Emily Clarke"],
    ["Oliver Bennett is a pleasant gentleman.", "Oliver Bennett"],
    ["主治医：MORI Akiko MD", "MORI Akiko"],
    ["Name: Okonkwo, Chinedu   DOB: below", "Okonkwo, Chinedu"],
    ["Name on wristband: ELIZA\nBETH MORROW. Sepsis.", "BETH MORROW"],
    ["Dear Professor Lindgren,\nRe: a man with rest pain", "Lindgren"],
    ["Safeguarding: child (Mia, 3) with bruising", "Mia"],
    ["ED note: Laura Glasgow, 93 yo F, found on floor.", "Laura Glasgow"],
    ["Pt said her name is 'Bunny' (real name withheld).", "Bunny"],
    ["MDT attendees: R. Fairbairn (chair), others", "R. Fairbairn"],
    ["Wife(Emily)は英語のみ", "Emily"],
  ])("names: %s", (note, name) => {
    expect(covers(note, "NAME", name), JSON.stringify(found(note))).toBe(true);
  });

  it.each([
    ["FACILITY", "Referred from Riverside General Hospital.", "Riverside General Hospital"],
    ["FACILITY", "PCP at Riverbend Family Practice, phone below", "Riverbend Family Practice"],
    ["FACILITY", "Seen at the Bryn Teg Surgery last week", "Bryn Teg Surgery"],
    ["ADDRESS", "Lives at 2290 Willow Creek Rd, Boise, ID 83702.", "2290 Willow Creek Rd"],
    ["ADDRESS", "Address: Flat 3, 27 Kingsley Road, Bristol BS6 6AF.", "27 Kingsley Road"],
    ["ADDRESS", "Beechwood Lane, Ilkley LS29 8QR: resident has dementia", "Ilkley"],
    ["ADDRESS", "passed out at the Kroger on 5th Street yesterday", "5th Street"],
    ["ORGANISATION", "He works at Acme Logistics Inc. as a driver.", "Acme Logistics Inc"],
    ["ORGANISATION", "Attends Little Acorns Montessori. Height 102 cm.", "Little Acorns Montessori"],
    ["ORGANISATION", "and part-time at Tesco Extra. Hand eczema worse.", "Tesco Extra"],
    ["ORGANISATION", "58 yo M, UPS driver, who passed out", "UPS"],
    ["ORGANISATION", "then a warehouse operative for Amazon. Asbestos exposure likely.", "Amazon"],
    ["FACILITY", "Referral made to Leeds Children's Social Care (ref LCS-882041).", "Leeds Children's Social Care"],
    ["ADDRESS", "30 years at British Steel in Scunthorpe, then retired", "Scunthorpe"],
    ["ADDRESS", "Re: A Pennington (96), Rose Cottage, Upper Slaughter, Cheltenham GL54 2JD", "Rose Cottage, Upper Slaughter, Cheltenham"],
    ["ORGANISATION", "Employed by NHS Lothian as a porter; previously at Tennent's brewery.", "Tennent's"],
    ["ADDRESS", "Cyclist hit by a van on the A64 near Tadcaster.", "A64"],
    ["ADDRESS", "Cyclist hit by a van on the A64 near Tadcaster.", "Tadcaster"],
    ["ORGANISATION", "Transfer letter from Beechwood Lodge Care Home, with notes", "Beechwood Lodge Care Home"],
  ])("%s: %s", (category, note, value) => {
    expect(covers(note, category, value), JSON.stringify(found(note))).toBe(true);
  });

  it("keeps the end of a sentence out of an employer's name", () => {
    expect(found("part-time at Tesco Extra. Hand eczema worse.")).not.toContainEqual(["ORGANISATION", "Tesco Extra. Hand"]);
  });

  it.each(["Differential cervical myelopathy versus MS. MRI C-spine requested.", "COPD exacerbation, FEV1 0.9 L.", "Started on ICS-formoterol MART.", "Name of drug: Amoxicillin", "an ICU nurse reviewed the chart", "father (MI, 60s), mother (stroke)", "Dear Colleague, thank you", "BP near Normal range", "came in near March", "ketones 5.8 mmol/L. Fixed-rate insulin", "temperature 37.8 C. Hashimoto's thyroiditis", "E. Coli in urine"])("finds nothing in clinical text (guesses aside: they yield to eponyms in scrubNote): %s", (note) => {
    const { text } = buildNoteTextView(note);
    const strong = findEnglishEntities(text, { tag: true }).filter((span) => !span.weak && (span.category === "NAME" || span.category === "ORGANISATION"));
    expect(strong.map((span) => text.slice(span.start, span.end))).toEqual([]);
  });
});
