import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { noteIdentifierCategories, scrubNote, type NoteIdentifierCategory } from "./scrub-note";

type PlantedIdentifier = { category: NoteIdentifierCategory; value: string; variants?: string[] };
type CorpusNote = { id: string; language: "ja" | "en"; text: string; planted: PlantedIdentifier[]; mustSurvive: string[] };

const corpus = JSON.parse(readFileSync(path.resolve(__dirname, "../../tests/fixtures/deid/notes.json"), "utf8")) as CorpusNote[];

/** The spellings an identifier must be absent in: as planted, NFKC-normalised, and without spaces. */
function spellings(value: string): string[] {
  const forms = [value, value.normalize("NFKC")];
  return [...new Set([...forms, ...forms.map((form) => form.replace(/\s+/g, ""))])];
}

function expectedCounts(note: CorpusNote): Record<NoteIdentifierCategory, number> {
  const counts = Object.fromEntries(noteIdentifierCategories.map((category) => [category, 0])) as Record<NoteIdentifierCategory, number>;
  for (const { category } of note.planted) counts[category] += 1;
  return counts;
}

describe("the note corpus", () => {
  it("has at least 30 notes in both languages, every planted identifier really in its note", () => {
    expect(corpus.length).toBeGreaterThanOrEqual(30);
    expect(corpus.filter((note) => note.language === "ja").length).toBeGreaterThanOrEqual(15);
    expect(corpus.filter((note) => note.language === "en").length).toBeGreaterThanOrEqual(10);
    const categoriesCovered = new Set(corpus.flatMap((note) => note.planted.map((planted) => planted.category)));
    expect([...categoriesCovered].sort()).toEqual([...noteIdentifierCategories].sort());
    for (const note of corpus) {
      for (const { value } of note.planted) expect(note.text.includes(value), `${note.id}: ${value}`).toBe(true);
      for (const phrase of note.mustSurvive) expect(note.text.normalize("NFKC").includes(phrase.normalize("NFKC")), `${note.id}: ${phrase}`).toBe(true);
    }
  });
});

describe("scrubNote", () => {
  it.each(corpus.map((note) => [note.id, note] as const))("%s: identifiers gone, clinical phrases kept, counts right", (_id, note) => {
    const { text, removed } = scrubNote(note.text);
    for (const planted of note.planted) {
      for (const spelling of [...spellings(planted.value), ...(planted.variants ?? []).flatMap(spellings)]) {
        expect(text.includes(spelling), `${note.id}: "${spelling}" left in: ${text}`).toBe(false);
      }
    }
    for (const phrase of note.mustSurvive) {
      expect(text.includes(phrase.normalize("NFKC")), `${note.id}: lost "${phrase}" in: ${text}`).toBe(true);
    }
    expect(removed).toEqual(expectedCounts(note));
    for (const { category } of note.planted) expect(text).toContain(`[${category}]`);
  });

  it("returns counts only: the summary holds no text from the note", () => {
    const note = corpus[0];
    const { removed } = scrubNote(note.text);
    const serialised = JSON.stringify(removed);
    for (const { value } of note.planted) expect(serialised).not.toContain(value);
    expect(Object.values(removed).every((count) => Number.isInteger(count))).toBe(true);
  });

  it("normalises full-width characters before matching", () => {
    expect(scrubNote("ＴＥＬ：０３－１２３４－５６７８").text).toBe("TEL:[PHONE]");
    expect(scrubNote("〒１１３－０００１").text).toBe("[POSTAL_CODE]");
  });

  it("keeps dates that are not birth dates, and ages", () => {
    const text = "2024年4月1日 胸部CT。65歳男性。65-year-old man. CT on 2024-04-01. 令和6年4月1日入院。";
    expect(scrubNote(text).text).toBe(text);
  });

  it("does not take relations, roles or common words before an honorific for names", () => {
    for (const text of ["お母さんと来院", "奥さんに説明", "患者さんの希望", "担当医師に連絡", "同様の所見", "皆様へ", "呼吸の様子を観察", "氏名欄は空欄"]) {
      expect(scrubNote(text).text).toBe(text);
    }
  });

  it.each([
    "すりガラス様陰影と感冒様症状", "S6区域に結節", "生検で腺癌", "2024年1月1日生検施行", "既往歴 平成20年 虫垂炎手術",
    "BP 120/80 mmHg", "1日3回 7日分", "Plt 25.3万/µL", "WBC 12000/µL", "Plt 230000/µL", "eGFR 45 mL/min/1.73m2",
    "ICD-10 J18.9", "COVID-19 PCR陰性", "pH 7.32, PaCO2 55 mmHg", "入院日 2024年5月1日", "患者: 65歳男性",
    "Patient: 65-year-old", "Name of drug: Amoxicillin", "New York Heart Association class II",
  ])("keeps clinical text that looks like an identifier: %s", (text) => {
    expect(scrubNote(text).text).toBe(text.normalize("NFKC"));
  });

  it("removes later bare mentions of a name found once with a title or honorific", () => {
    expect(scrubNote("Mr. Robert Miller was admitted. Miller and Robert's wife agreed.").text).toBe("Mr. [NAME] was admitted. [NAME] and [NAME]'s wife agreed.");
    expect(scrubNote("山田太郎様に説明。山田は理解良好。").text).toBe("[NAME]様に説明。[NAME]は理解良好。");
  });

  it("is idempotent on its own output", () => {
    for (const note of corpus) {
      const once = scrubNote(note.text).text;
      expect(scrubNote(once).text).toBe(once);
    }
  });
});
