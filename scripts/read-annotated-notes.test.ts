import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseAnnotatedNote, plantedKinds, readAnnotatedNotes } from "./read-annotated-notes";

const fixtures = path.resolve(__dirname, "../tests/fixtures/deid");
const notes = ["handwritten-ja.jsonl", "handwritten-en.jsonl"].flatMap((file) => readAnnotatedNotes(path.join(fixtures, file)));

describe("the hand-written de-identification set", () => {
  it("has at least 150 notes in both languages, unique ids, a third held out", () => {
    expect(notes.length).toBeGreaterThanOrEqual(150);
    expect(notes.filter((note) => note.language === "ja").length).toBeGreaterThanOrEqual(60);
    expect(notes.filter((note) => note.language === "en").length).toBeGreaterThanOrEqual(60);
    expect(new Set(notes.map((note) => note.id)).size).toBe(notes.length);
    const holdout = notes.filter((note) => note.split === "holdout").length;
    expect(holdout / notes.length).toBeGreaterThan(0.3);
    expect(holdout / notes.length).toBeLessThan(0.36);
  });

  it("plants every Safe Harbor and APPI kind, hidden characters and eponyms", () => {
    const planted = new Set(notes.flatMap((note) => note.planted.map((identifier) => identifier.kind)));
    expect([...planted].sort()).toEqual(Object.keys(plantedKinds).sort());
    expect(notes.filter((note) => /\p{Cf}/u.test(note.text)).length).toBeGreaterThanOrEqual(8);
    const clinical = notes.flatMap((note) => note.clinical).join(" ");
    for (const eponym of ["橋本病", "Parkinson's disease", "Crohn's disease", "Glasgow Coma Scale", "川崎病"]) expect(clinical).toContain(eponym);
    expect(notes.filter((note) => note.planted.length === 0).length).toBeGreaterThanOrEqual(8);
  });

  it("keeps each annotation inside its own note", () => {
    for (const note of notes) {
      for (const { value, parts } of note.planted) {
        expect(note.text, note.id).toContain(value);
        for (const part of parts) expect(value, note.id).toContain(part);
      }
      for (const phrase of note.clinical) expect(note.text, note.id).toContain(phrase);
    }
  });

  it("reads parts and clinical phrases, and refuses an unknown kind", () => {
    const note = parseAnnotatedNote(JSON.stringify({ id: "x", split: "tune", language: "ja", style: "s", text: "住所 [[address:横浜市港北区|日吉本町1-2]] [[name:山田 太郎]] {{橋本病}}" }));
    expect(note.text).toBe("住所 横浜市港北区日吉本町1-2 山田 太郎 橋本病");
    expect(note.planted).toEqual([
      { kind: "address", value: "横浜市港北区日吉本町1-2", parts: ["横浜市港北区", "日吉本町1-2"] },
      { kind: "name", value: "山田 太郎", parts: ["山田", "太郎"] },
    ]);
    expect(note.clinical).toEqual(["橋本病"]);
    expect(() => parseAnnotatedNote(JSON.stringify({ id: "y", split: "tune", language: "en", style: "s", text: "[[nickname:Bob]]" }))).toThrow(/unknown kind/);
  });
});
