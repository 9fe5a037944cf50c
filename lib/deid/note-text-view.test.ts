import { describe, expect, it } from "vitest";
import { buildNoteTextView, sourceRange } from "./note-text-view";

describe("buildNoteTextView", () => {
  it.each([
    ["zero-width space and joiner", "佐\u200b々\u200b木 優\u200d子", "佐々木 優子"],
    ["soft hyphen", "Cr\u00adawford", "Crawford"],
    ["bidi overrides", "\u202eeirraM\u202c Doyle", "eirraM Doyle"],
    ["word joiner", "桜\u2060井", "桜井"],
    ["a name wrapped after a label", "氏名：望月\n大地", "氏名:望月大地"],
    ["a name wrapped before an honorific", "山田\n太郎様", "山田太郎様"],
    ["full-width digits and dashes", "０３－５５６７－１２３４", "03-5567-1234"],
    ["kanji digit runs", "〇三―三八一二―四五六七", "03-3812-4567"],
    ["Cyrillic look-alikes in a Latin word", "Ra\u0443mond К\u0435lly", "Raymond Kelly"],
    ["non-breaking hyphens between letters", "M\u2011R\u20114\u20118", "M-R-4-8"],
    ["half-width katakana", "ﾔﾏｸﾞﾁ ｹﾝｲﾁ", "ヤマグチ ケンイチ"],
  ])("reads through %s", (_kind, note, expected) => {
    expect(buildNoteTextView(note).text).toBe(expected);
  });

  it("keeps a line break between Japanese lines that is not inside a name", () => {
    expect(buildNoteTextView("住所：長野県阿智村3891番地\n熱中症（III度）").text).toContain("番地\n熱中症");
    expect(buildNoteTextView("氏名：ﾅｶﾑﾗ ﾕｳｺ\n帯下増量").text).toContain("ユウコ\n帯下");
  });

  it("keeps a word's own long-vowel mark and single kanji numerals (一郎, 二型)", () => {
    expect(buildNoteTextView("ロータリー 一郎 二型").text).toBe("ロータリー 一郎 二型");
  });

  it("maps a range of the copy back to the original note", () => {
    const note = "TEL ０９０－\u200b１２３４";
    const view = buildNoteTextView(note);
    const start = view.text.indexOf("090");
    expect(sourceRange(view, start, view.text.length)).toEqual({ start: 4, end: note.length });
  });
});
