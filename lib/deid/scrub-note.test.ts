import { readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { noteIdentifierCategories, type NoteIdentifierCategory } from "./note-identifier-categories";
import { scrubNote, type ScrubNoteOptions } from "./scrub-note";
import { loadJapaneseTokenizer } from "./note-kuromoji-tokenizer";

// The dictionary takes seconds to load on a busy machine: once, outside any test's own timeout.
beforeAll(() => loadJapaneseTokenizer(), 120_000);

type PlantedIdentifier = { category: NoteIdentifierCategory; value: string; variants?: string[] };
type CorpusNote = { id: string; language: "ja" | "en"; text: string; planted: PlantedIdentifier[]; mustSurvive: string[] };

const corpus = JSON.parse(readFileSync(path.resolve(__dirname, "../../tests/fixtures/deid/notes.json"), "utf8")) as CorpusNote[];
const options: ScrubNoteOptions = { shiftDays: -100, referenceDate: new Date(Date.UTC(2026, 0, 15)) };
const scrub = async (text: string, overrides: Partial<ScrubNoteOptions> = {}) => (await scrubNote(text, { ...options, ...overrides })).text;

/** The spellings an identifier must be absent in: as planted, NFKC-normalised, and without spaces. */
function spellings(value: string): string[] {
  const forms = [value, value.normalize("NFKC")];
  return [...new Set([...forms, ...forms.map((form) => form.replace(/\s+/g, ""))])];
}

describe("the hand-written note corpus", () => {
  it("has notes in both languages, every category of the old list, every planted identifier really in its note", () => {
    expect(corpus.filter((note) => note.language === "ja").length).toBeGreaterThanOrEqual(15);
    expect(corpus.filter((note) => note.language === "en").length).toBeGreaterThanOrEqual(10);
    for (const note of corpus) for (const { value } of note.planted) expect(note.text.includes(value), `${note.id}: ${value}`).toBe(true);
  });
});

describe("scrubNote", () => {
  it.each(corpus.map((note) => [note.id, note] as const))("%s: identifiers gone, clinical phrases kept", async (_id, note) => {
    const { text, removed } = await scrubNote(note.text, options);
    const plain = text.normalize("NFKC");
    for (const planted of note.planted) {
      for (const spelling of [...spellings(planted.value), ...(planted.variants ?? []).flatMap(spellings)]) expect(plain.includes(spelling), `${note.id}: "${spelling}" left in: ${text}`).toBe(false);
    }
    for (const phrase of note.mustSurvive) expect(plain.includes(phrase.normalize("NFKC")), `${note.id}: lost "${phrase}" in: ${text}`).toBe(true);
    expect(Object.values(removed).reduce((sum, count) => sum + count, 0)).toBeGreaterThanOrEqual(note.planted.length > 0 ? 1 : 0);
  });

  it("returns counts only, every category present", async () => {
    const { removed } = await scrubNote(corpus[0]!.text, options);
    expect(Object.keys(removed).sort()).toEqual([...noteIdentifierCategories].sort());
    const serialised = JSON.stringify(removed);
    for (const { value } of corpus[0]!.planted) expect(serialised).not.toContain(value);
  });

  it.each([
    ["Patient John Smith, MRN 4471123, seen today.", ["John", "Smith", "4471123"]],
    ["Mr. Robert Miller was admitted. Miller and Robert's wife agreed.", ["Miller", "Robert"]],
    ["Emily Clarke presented with chest pain.", ["Clarke"]],
    ["Her daughter, Grace Okafor, called.", ["Grace", "Okafor"]],
    ["父 山本一郎は糖尿病。母やまだはなこさま来院。", ["山本", "一郎", "やまだ"]],
    ["ヤマダ タロウ様より電話。山田太郎様に説明。山田は理解良好。", ["ヤマダ", "タロウ", "山田"]],
    ["音羽内科クリニックより紹介。聖路加国際病院に転院。Referred from Riverside General Hospital.", ["音羽", "聖路加", "Riverside"]],
    ["Lives at 221B Baker Street, London NW1 6XE. 東京都千代田区霞が関1-1在住。", ["Baker", "NW1 6XE", "霞が関"]],
    ["SSN 123-45-6789. NHS number 943 476 5919. マイナンバー 1234 5678 9018", ["123-45-6789", "943 476 5919", "1234 5678 9018"]],
    ["Accession ACC7734291; pacemaker serial PJN123456R; plate ABC-1234; passport TK1234567; DEA AB1234563.", ["ACC7734291", "PJN123456R", "ABC-1234", "TK1234567", "AB1234563"]],
    ["See https://portal.example.org/p/1 from 192.168.10.24 or j.smith@example.com.", ["example", "192.168.10.24"]],
    ["A 94-year-old woman; 96歳女性。", ["94", "96"]],
    ["Works at Acme Logistics Inc. Attends Lincoln High School. 特別養護老人ホームさくら苑に入所中。株式会社青葉製作所に勤務。", ["Acme", "Lincoln", "さくら苑", "青葉製作所"]],
    ["She is the only survivor of the Route 9 bus crash. 本人は元オリンピック金メダリスト。", ["Route 9", "金メダリスト"]],
    ["Japanese student, Haruka Ishida (石田 遥), with appendicitis. Case: Yamamoto Kenta (山本 健太), 34M.", ["Haruka", "Ishida", "石田", "Kenta", "健太"]],
    ["患者：長谷川 美咲（ハセガワ ミサキ）様。ﾔﾏｸﾞﾁ ｹﾝｲﾁ様（山口 健一）", ["ハセガワ", "ミサキ", "山口"]],
  ])("removes %s", async (note, identifiers) => {
    const text = (await scrub(note)).normalize("NFKC");
    for (const identifier of identifiers) expect(text, text).not.toContain(identifier);
  });

  it("finds identifiers hidden by invisible or look-alike characters, and drops the invisible ones", async () => {
    const hidden = ["佐\u200b藤花子さん", "山田\n太郎様", "Mr. John Sm\u00adith", "Mr. John \u202eSmith\u202c", "TEL ０９０－１２３４－５６７８", "電話 〇九〇-一二三四-五六七八", "Mr. J\u043ehn Smith"];
    for (const note of hidden) {
      const text = await scrub(note);
      expect(text, note).not.toMatch(/佐藤|山田|Smith|Sm|1234|一二三四|J.hn/u);
      expect(text).not.toMatch(/\p{Cf}/u);
    }
  });

  it("keeps medical eponyms even when the patient shares the name", async () => {
    const text = await scrub("Mr. Parkinson has Parkinson's disease and Crohn's; Glasgow Coma Scale 14. 橋本 花子様、橋本病で通院中。Hashimoto's thyroiditis.");
    expect(text).toContain("Parkinson's disease");
    expect(text).toContain("Crohn's");
    expect(text).toContain("Glasgow Coma Scale 14");
    expect(text).toContain("橋本病");
    expect(text).toContain("Hashimoto's thyroiditis");
    expect(text).toMatch(/^Mr\. \[NAME\] has/);
    expect(text).toContain("[NAME]様");
  });

  it("moves every date by the case's offset in the same format, so intervals survive", async () => {
    const text = await scrub("CT 2024-04-01, follow-up 2024-04-15. 令和元年5月10日入院、5/20より改善。Seen March 3, 2024 and 14/03/2024. 平成30年に手術。", { shiftDays: -10 });
    expect(text).toBe("CT 2024-03-22, follow-up 2024-04-05. 平成31年4月30日入院、5/10より改善。Seen February 22, 2024 and 04/03/2024. 平成29年に手術。");
  });

  it("turns a birth date into a five-year age band at the reference date", async () => {
    expect(await scrub("生年月日：昭和55年4月1日", { referenceDate: new Date(Date.UTC(2026, 0, 15)) })).toBe("生年月日：[45-49歳]");
    expect(await scrub("DOB: 02/01/1931.", { referenceDate: new Date(Date.UTC(2026, 0, 15)) })).toBe("DOB: [age 90+].");
    expect(await scrub("Born in 1980.", { referenceDate: new Date(Date.UTC(2026, 0, 15)) })).toBe("Born in [age 45-49].");
  });

  it.each([
    "すりガラス様陰影と感冒様症状", "S6区域に結節", "生検で腺癌", "BP 120/80 mmHg", "MMT 4/5", "1日3回 7日分", "Plt 25.3万/µL", "WBC 12000/µL", "Plt 230000/µL",
    "eGFR 45 mL/min/1.73m2", "ICD-10 J18.9", "COVID-19 PCR陰性", "pH 7.32, PaCO2 55 mmHg", "患者: 65歳男性", "Patient: 65-year-old", "Name of drug: Amoxicillin",
    "New York Heart Association class II", "HbA1c 7.8%", "Amoxicillin 500 mg tid x 7 days", "お母さんと来院", "奥さんに説明", "患者さんの希望", "呼吸の様子を観察", "1/2錠 頓用",
  ])("keeps clinical text that looks like an identifier: %s", async (text) => {
    expect(await scrub(text)).toBe(text);
  });
});
