import { findNoteDates } from "./note-dates";
import { findEnglishEntities } from "./note-english-entities";
import { findProtectedEponyms, type ProtectedRange } from "./note-eponyms";
import { emptyNoteCounts, type NoteIdentifierCategory, type NoteSpan } from "./note-identifier-categories";
import { findJapaneseEntities } from "./note-japanese-entities";
import { loadJapaneseTokenizer, type JapaneseToken } from "./note-kuromoji-tokenizer";
import { findStructuredIdentifiers } from "./note-structured-identifiers";
import { buildNoteTextView, sourceRange } from "./note-text-view";
import { findUniqueEvents } from "./note-unique-events";

// De-identification of free-text notes (Japanese and English), before a note is stored. Detectors
// read a normalised copy (note-text-view): structured identifiers by label, shape and check digit;
// dates, which move by the case's offset; names, places and organisations from kuromoji's IPADIC
// and compromise plus context cues; unique events. Overlapping findings merge; eponyms protect
// clinical words from weak guesses; a name found once is removed wherever it recurs. The original
// text between findings is kept as written, without invisible format characters.

export type ScrubNoteOptions = {
  /** The case's date offset in days (deriveDateShiftDays), the same one its DICOM dates move by. */
  shiftDays: number;
  /** The day a birth date's age band is computed at: the day the case is de-identified. */
  referenceDate: Date;
};

export type ScrubbedNote = {
  text: string;
  /** How many identifiers of each category were replaced; every category present, zero included. */
  removed: Record<NoteIdentifierCategory, number>;
};

const japaneseScript = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;
const japaneseScripts = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/gu;
const formatCharacters = /\p{Cf}/gu;
// Capitalised words a name span may contain that are never worth chasing through the rest of the note.
const notRepeated = new Set(["The", "And", "Patient", "Doctor", "Nurse", "Name", "San", "Sama", "Mr", "Mrs", "Ms", "Dr"]);

// A guess inside an eponym ("Parkinson" of "Parkinson's disease") yields; one reaching past it ("Laura Glasgow") is a name.
const inside = (span: { start: number; end: number }, range: ProtectedRange) => range.start <= span.start && span.end <= range.end;
// A repeated name yields only to an eponym longer than itself: "Glasgow Coma Scale" keeps Glasgow, a lone "Glasgow" does not.
const withinLonger = (span: { start: number; end: number }, range: ProtectedRange) => inside(span, range) && range.end - range.start > span.end - span.start;

/** Every later mention of a name already found ("佐藤は", "Smith reports"), outside protected eponyms. */
function findRepeatedNames(text: string, spans: NoteSpan[], protectedRanges: ProtectedRange[]): NoteSpan[] {
  const tokens = new Set<string>();
  for (const span of spans) {
    if (span.category !== "NAME") continue;
    for (const token of text.slice(span.start, span.end).replace(/[(（][^)）]*[)）]/gu, " ").split(/[\s,^・]+/u)) {
      if (/^[A-Z][A-Za-z'’\-]{2,}$/u.test(token) && !notRepeated.has(token)) tokens.add(token.replace(/['’]s$/u, ""));
      else if (/^[\p{Script=Han}々\p{Script=Katakana}ー\p{Script=Hiragana}]{2,}$/u.test(token)) {
        tokens.add(token);
        // "山田太郎" written without a space: the family name alone is most often the first two kanji.
        if (/^\p{Script=Han}{4}$/u.test(token)) tokens.add(token.slice(0, 2));
      }
    }
  }
  const found: NoteSpan[] = [];
  for (const token of tokens) {
    const escaped = token.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    const pattern = /^[A-Za-z]/.test(token) ? new RegExp(`(?<![A-Za-z])(?:${escaped}|${escaped.toUpperCase()})(?![A-Za-z])`, "g") : new RegExp(escaped, "gu");
    for (const match of text.matchAll(pattern)) {
      const span: NoteSpan = { start: match.index, end: match.index + match[0].length, category: "NAME", weak: true };
      if (!protectedRanges.some((range) => withinLonger(span, range))) found.push(span);
    }
  }
  return found;
}

// A name's other spelling in brackets right after it (honorific between allowed): 山口 健一（ﾔﾏｸﾞﾁ ｹﾝｲﾁ）,
// Yuki Hamada（浜田 由紀）, タナベ ユウスケ (Yusuke Tanabe). Either side found makes both names.
const nameShaped = String.raw`(?:[\p{Script=Han}々ヶ]{1,5}|[\p{Script=Katakana}ー]{2,10}|[\p{Script=Hiragana}]{2,8}|[A-Z][A-Za-z'’\-]+)(?:[ \u3000・,]+(?:[\p{Script=Han}々ヶ]{1,5}|[\p{Script=Katakana}ー]{2,10}|[\p{Script=Hiragana}]{2,8}|[A-Z][A-Za-z'’\-]+)){0,2}`;
const aliasPair = new RegExp(String.raw`(?<first>${nameShaped})(?<between>\s?(?:様|さま|さん|殿|氏|くん|ちゃん)?\s?[(（]\s*)(?<second>${nameShaped})\s*[)）]`, "gu");
const clinicalEnd = /(?:癌|病|症|炎|腫|瘍|術|後|中|歴|型|性|疑い)$/u;
const notAliases = /^(?:妻|夫|父|母|兄|姉|弟|妹|息子|娘|長男|長女|次男|次女|本人|家族|旧姓|通称|仮名|son|daughter|wife|husband|mother|father|née|nee|Japanese|English|Chinese|interpreter)$/iu;

function findBracketedAliases(text: string, spans: NoteSpan[], protectedRanges: ProtectedRange[]): NoteSpan[] {
  const names = spans.filter((span) => span.category === "NAME");
  const covered = (start: number, end: number) => names.some((span) => span.start <= start && end <= span.end);
  const touched = (start: number, end: number) => names.some((span) => span.start < end && start < span.end);
  const words = (value: string) => value.trim().split(/[ \u3000・,]+/u);
  const latin = (value: string) => /^[A-Za-z'’\-\s,]+$/u.test(value);
  const found: NoteSpan[] = [];
  for (const match of text.matchAll(aliasPair)) {
    const { first, between, second } = match.groups as { first: string; between: string; second: string };
    // Two words at least on the bracketed side ("山口 健一", "Yusuke Tanabe"): a one-word bracket is too often a word (（大腸癌術後）).
    if (notAliases.test(second.trim()) || notAliases.test(first.trim()) || words(second).length < 2 || clinicalEnd.test(second)) continue;
    // The regex may start mid-phrase ("student from Waseda, Haruka Ishida"): only the first's last words, as many as the bracket has.
    const firstWords = words(first).slice(-words(second).length);
    const firstLength = firstWords.join(" ").length;
    const firstEnd = match.index + first.length;
    const firstStart = firstEnd - firstLength;
    const secondStart = match.index + first.length + between.length;
    const secondEnd = secondStart + second.length;
    if (text.slice(firstStart, firstEnd).split(/[ \u3000・,]+/u).length !== firstWords.length) continue;
    if (protectedRanges.some((range) => range.start < secondEnd && firstStart < range.end)) continue;
    // A romanised name with its kanji (Haruka Ishida (石田 遥)) is a name pair even when neither side was found.
    const crossScript = latin(firstWords.join(" ")) !== latin(second);
    if (!touched(firstStart, firstEnd) && !touched(secondStart, secondEnd) && !crossScript) continue;
    if (!covered(firstStart, firstEnd)) found.push({ start: firstStart, end: firstEnd, category: "NAME" });
    if (!covered(secondStart, secondEnd)) found.push({ start: secondStart, end: secondEnd, category: "NAME" });
  }
  return found;
}

/** Overlapping spans become one; it keeps a span's replacement only when that span covers it all. */
function mergeSpans(spans: NoteSpan[]): NoteSpan[] {
  const sorted = [...spans].sort((a, b) => a.start - b.start || b.end - a.end);
  const merged: Array<{ members: NoteSpan[]; start: number; end: number }> = [];
  for (const span of sorted) {
    const last = merged[merged.length - 1];
    if (last && span.start < last.end) {
      last.members.push(span);
      last.end = Math.max(last.end, span.end);
    } else merged.push({ members: [span], start: span.start, end: span.end });
  }
  return merged.map(({ members, start, end }) => {
    const whole = members.find((member) => member.start === start && member.end === end && !member.weak) ?? members.find((member) => member.start === start && member.end === end);
    if (whole) return { ...whole, start, end };
    const strongest = members.find((member) => !member.weak && member.replacement === undefined) ?? members.find((member) => member.replacement === undefined) ?? members[0]!;
    return { start, end, category: strongest.category };
  });
}

/** The scrubber itself, with the Japanese tokenizer given (or none for a note with no Japanese). */
function scrubNoteWith(note: string, options: ScrubNoteOptions, tokenize?: (text: string) => JapaneseToken[]): ScrubbedNote {
  const view = buildNoteTextView(note);
  const text = view.text;
  const found = [
    ...findStructuredIdentifiers(text),
    ...findNoteDates(text, options),
    ...findUniqueEvents(text),
    ...(tokenize && japaneseScript.test(text) ? findJapaneseEntities(text, tokenize(text)) : []),
    // compromise only where English prose dominates: a Japanese note's "Hb" or "CRP" needs no tagger.
    ...(/[A-Z][a-z]/.test(text) ? findEnglishEntities(text, { tag: (text.match(/[A-Za-z]/g)?.length ?? 0) > (text.match(japaneseScripts)?.length ?? 0) }) : []),
  ];
  const protectedRanges = findProtectedEponyms(text);
  const kept = found.filter((span) => !span.weak || !protectedRanges.some((range) => inside(span, range)));
  const named = [...kept, ...findBracketedAliases(text, kept, protectedRanges)];
  const spans = mergeSpans([...named, ...findRepeatedNames(text, named, protectedRanges)]);

  const removed = emptyNoteCounts();
  let output = "";
  let cursor = 0;
  for (const span of spans) {
    const { start, end } = sourceRange(view, span.start, span.end);
    if (start < cursor) continue;
    output += note.slice(cursor, start).replace(formatCharacters, "") + (span.replacement ?? `[${span.category}]`);
    removed[span.category] += 1;
    cursor = end;
  }
  output += note.slice(cursor).replace(formatCharacters, "");
  return { text: output, removed };
}

/** kuromoji's word_position drifts after sentence punctuation: place each token by its surface instead (1-based, as kuromoji). */
function locateTokens(text: string, tokens: JapaneseToken[]): JapaneseToken[] {
  let cursor = 0;
  return tokens.map((token) => {
    const start = text.indexOf(token.surface_form, cursor);
    if (start < 0) return token;
    cursor = start + token.surface_form.length;
    return { ...token, word_position: start + 1 };
  });
}

/**
 * Replaces the identifiers in a clinical note: category placeholders ([NAME], [FACILITY], …), dates
 * moved by the case's offset, birth dates as an age band, ages over 89 as ≥90. Loads kuromoji once
 * per process or worker thread on the first note with Japanese in it.
 */
export async function scrubNote(note: string, options: ScrubNoteOptions): Promise<ScrubbedNote> {
  const tokenizer = japaneseScript.test(note) ? await loadJapaneseTokenizer() : undefined;
  return scrubNoteWith(note, options, tokenizer && ((text) => locateTokens(text, tokenizer.tokenize(text))));
}
