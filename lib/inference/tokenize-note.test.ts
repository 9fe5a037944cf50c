import { describe, expect, it } from "vitest";
import { parseModelManifest } from "./load-model";
import { tokenizeNote } from "./tokenize-note";
import { readGoldenCases, readReferenceManifestJson } from "./testing/reference-model";

const tokenizer = parseModelManifest(readReferenceManifestJson()).preprocessing.note.tokenizer;
const idOf = (term: string) => tokenizer.firstVocabId + tokenizer.vocab.indexOf(term);
const ids = (note: string) => Array.from(tokenizeNote(note, tokenizer).tokens, Number).filter((id) => id !== 0);

describe("tokenizeNote", () => {
  const golden = readGoldenCases().cases;

  it.each(golden.map((c) => [c.description, c] as const))("matches the Python tokenizer: %s", (_, goldenCase) => {
    expect(Array.from(tokenizeNote(goldenCase.note, tokenizer).tokens, Number)).toEqual(goldenCase.expectedTokenIds);
  });

  it("covers both languages in the golden cases", () => {
    expect(golden.some((c) => /[a-z]{4}/i.test(c.note))).toBe(true);
    expect(golden.some((c) => /[\u3040-\u30ff\u4e00-\u9fff]/.test(c.note))).toBe(true);
  });

  it("takes the longest term at each position", () => {
    expect(ids("呼吸困難")).toEqual([idOf("呼吸困難")]);
    expect(ids("呼吸 困難")).toEqual([idOf("呼吸")]); // 困難 alone is not a term: skipped silently
    expect(ids("異常なし")).toEqual([idOf("異常なし")]);
  });

  it("matches English terms only at word boundaries and maps unknown words to <unk>", () => {
    expect(ids("no normal")).toEqual([idOf("no"), idOf("normal")]);
    expect(ids("nobody 38.5")).toEqual([1, 1, 1]);
  });

  it("normalises full-width text and case (NFKC, lowercase)", () => {
    expect(ids("ＦＥＶＥＲ Cough")).toEqual([idOf("fever"), idOf("cough")]);
  });

  it("pads and truncates to maxTokens", () => {
    const result = tokenizeNote("fever ".repeat(40), tokenizer);
    expect(result.tokens).toHaveLength(tokenizer.maxTokens);
    expect(result.tokenCount).toBe(tokenizer.maxTokens);
    expect(tokenizeNote("", tokenizer).tokenCount).toBe(0);
  });
});
