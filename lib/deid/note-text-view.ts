// The scrubber matches on a normalised copy of the note and replaces spans in the original, so the
// clinical text it keeps is the clinician's own (full-width digits stay full-width). The copy:
// - NFKC per character (full-width letters and digits, half-width katakana, circled numbers);
// - Unicode format characters (zero-width space/joiner, soft hyphen, bidi overrides, BOM) dropped;
// - a line break between two Japanese characters dropped (a wrap, not a word boundary);
// - dashes and the long-vowel mark between digits read as "-", Cyrillic/Greek look-alikes inside a
//   Latin word read as Latin, runs of two or more kanji digits (〇九〇) read as digits.

export type NoteTextView = {
  /** The normalised copy the detectors read. */
  text: string;
  /** For each UTF-16 unit of `text`, where its source starts and ends in the original note. */
  sourceStart: number[];
  sourceEnd: number[];
};

const formatCharacter = /^\p{Cf}$/u;
const japaneseCharacter = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}ー々〆]/u;
const dashes = /[\u2010-\u2015\u2212\uFE58\uFE63\uFF0D\u30FC\uFF70]/u;
const kanjiDigits: Record<string, string> = { "〇": "0", "零": "0", "一": "1", "二": "2", "三": "3", "四": "4", "五": "5", "六": "6", "七": "7", "八": "8", "九": "9" };
// Cyrillic and Greek capitals that look like Latin letters; only mapped inside a word that has Latin letters.
const lookAlikes: Record<string, string> = {
  "а": "a", "е": "e", "о": "o", "р": "p", "с": "c", "у": "y", "х": "x", "і": "i", "ј": "j", "ѕ": "s", "һ": "h", "ԁ": "d", "ɡ": "g",
  "А": "A", "В": "B", "Е": "E", "К": "K", "М": "M", "Н": "H", "О": "O", "Р": "P", "С": "C", "Т": "T", "Х": "X", "І": "I", "Ј": "J", "Ѕ": "S",
  "Α": "A", "Β": "B", "Ε": "E", "Ζ": "Z", "Η": "H", "Ι": "I", "Κ": "K", "Μ": "M", "Ν": "N", "Ο": "O", "Ρ": "P", "Τ": "T", "Υ": "Y", "Χ": "X", "ο": "o",
};

const nameRun = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}ー々ｦ-ﾟ]/u;
const honorificAhead = /^(?:様|さま|さん|殿|氏|先生|くん|ちゃん)/u;
const nameLabelBehind = /(?:氏名|患者名|患者|名前|お名前|フリガナ|ふりがな|家族|夫|妻|父|母|長男|長女|次男|次女)\s*[:：]?\s*$/u;

/**
 * Whether a line break between Japanese characters splits a name (山田\n太郎様, 氏名：望月\n大地): the
 * runs on both sides are short and an honorific follows or a name label leads. Any other break between
 * Japanese lines ("…3891番地\n熱中症") stays a break, so nothing reaches across it.
 */
function wrapsAName(out: string[], note: string, after: number): boolean {
  let before = out.length;
  while (before > 0 && nameRun.test(out[before - 1]!)) before -= 1;
  const head = out.length - before;
  const rest = note.slice(after).replace(/\p{Cf}/gu, "").replace(/^[\r\n]+/u, "");
  const run = [...rest].findIndex((character) => !nameRun.test(character));
  const tail = run < 0 ? [...rest].length : run;
  if (head < 1 || head > 4 || tail < 1) return false;
  const honorificFollows = [1, 2, 3, 4].some((length) => length <= tail && honorificAhead.test([...rest].slice(length).join("")));
  const labelLeads = nameLabelBehind.test(out.slice(0, before).join("")) && tail <= 4;
  return honorificFollows || labelLeads;
}

/** The next character that is neither a format character nor a line break. */
function nextVisible(note: string, from: number): string {
  for (let index = from; index < note.length; index += 1) {
    const character = note[index]!;
    if (!formatCharacter.test(character) && character !== "\n" && character !== "\r") return character;
  }
  return "";
}

export function buildNoteTextView(note: string): NoteTextView {
  const out: string[] = [];
  const sourceStart: number[] = [];
  const sourceEnd: number[] = [];
  const push = (text: string, start: number, end: number) => {
    for (const unit of text.split("")) {
      out.push(unit);
      sourceStart.push(start);
      sourceEnd.push(end);
    }
  };

  for (let index = 0; index < note.length; ) {
    const codePoint = note.codePointAt(index)!;
    const character = String.fromCodePoint(codePoint);
    const end = index + character.length;
    if (codePoint < 0x80 && character !== "\n" && character !== "\r") {
      push(character, index, end);
    } else if (formatCharacter.test(character)) {
      // dropped from the copy; the original keeps its position for mapping
    } else if ((character === "\n" || character === "\r") && japaneseCharacter.test(out[out.length - 1] ?? "") && japaneseCharacter.test(nextVisible(note, end)) && wrapsAName(out, note, end)) {
      // a Japanese name wrapped across lines
    } else {
      const normalised = character.normalize("NFKC");
      const previous = out[out.length - 1];
      // Half-width voiced marks become combining marks under NFKC: compose them with the kana before.
      if ((normalised === "\u3099" || normalised === "\u309A") && previous) {
        const composed = (previous + normalised).normalize("NFC");
        if (composed.length === 1) {
          out[out.length - 1] = composed;
          sourceEnd[sourceEnd.length - 1] = end;
          index = end;
          continue;
        }
      }
      push(normalised, index, end);
    }
    index = end;
  }

  mapInPlace(out);
  return { text: out.join(""), sourceStart, sourceEnd };
}

/** One-for-one substitutions that need neighbours: dashes between digits, look-alikes, kanji digit runs. */
function mapInPlace(out: string[]): void {
  const isDigit = (unit: string | undefined) => unit !== undefined && /[0-9〇零一二三四五六七八九]/.test(unit);
  const isLatin = (unit: string | undefined) => unit !== undefined && /[A-Za-z]/.test(unit);
  for (let index = 0; index < out.length; index += 1) {
    const unit = out[index]!;
    if (dashes.test(unit) && (isDigit(out[index - 1]) || /\s/.test(out[index - 1] ?? "")) && isDigit(out[index + 1])) out[index] = "-";
    // A hyphen of another code point between Latin letters or digits ("M‑R‑4‑8"): read as "-"; the long-vowel mark stays.
    else if (/[\u2010\u2011\u2012\u2212\uFE63\uFF0D]/u.test(unit) && /[A-Za-z0-9]/.test(out[index - 1] ?? "") && /[A-Za-z0-9]/.test(out[index + 1] ?? "")) out[index] = "-";
  }
  // Look-alikes spread from the Latin letters next to them, so "Кеlly" (two Cyrillic letters first) reads "Kelly".
  for (let changed = true; changed; ) {
    changed = false;
    for (let index = 0; index < out.length; index += 1) {
      const unit = out[index]!;
      if (lookAlikes[unit] && (isLatin(out[index - 1]) || isLatin(out[index + 1]))) {
        out[index] = lookAlikes[unit]!;
        changed = true;
      }
    }
  }
  // Kanji digits: only runs of two or more (〇九〇, 一二三四), so 一郎 or 二型 stay words.
  for (let index = 0; index < out.length; ) {
    let end = index;
    while (end < out.length && kanjiDigits[out[end]!]) end += 1;
    if (end - index >= 2 || (end - index === 1 && (out[index - 1] === "-" || out[end] === "-"))) {
      for (let position = index; position < end; position += 1) out[position] = kanjiDigits[out[position]!]!;
    }
    index = Math.max(end, index + 1);
  }
}

/** The original note's range behind a range of the normalised copy. */
export function sourceRange(view: NoteTextView, start: number, end: number): { start: number; end: number } {
  return { start: view.sourceStart[start]!, end: view.sourceEnd[end - 1]! };
}
