import type { NoteSpan } from "./note-identifier-categories";

// Every date in a note moves by the case's own offset (the one its DICOM dates move by), written back
// in the same format family, so intervals between the case's dates survive and no real date does.
// A date with only a month or a year moves by the offset rounded to whole months or years (at least
// one), so a coarse date never stays as it was. A birth date becomes a five-year age band at the
// reference date (the day the case is de-identified); 90 and over is one band (Safe Harbor).

export type NoteDateOptions = {
  /** The case's offset in days (negative: back in time), from deriveDateShiftDays. */
  shiftDays: number;
  /** The day the birth-date age band is computed at. */
  referenceDate: Date;
};

type Parts = { year?: number; month?: number; day?: number };
type DateFinder = {
  pattern: RegExp;
  read: (groups: Record<string, string | undefined>, options: NoteDateOptions) => Parts | undefined;
  write: (shifted: Parts, groups: Record<string, string | undefined>) => string;
};

const dayMs = 86_400_000;
const kanjiNumber = "[〇一二三四五六七八九十]{1,4}";
const number = String.raw`(?:\d{1,4}|${kanjiNumber})`;
const eraNames = { 明治: 1868, 大正: 1912, 昭和: 1926, 平成: 1989, 令和: 2019 } as const;
const eraLetters: Record<string, keyof typeof eraNames> = { M: "明治", T: "大正", S: "昭和", H: "平成", R: "令和" };
const eraStarts: Array<[keyof typeof eraNames, number]> = [["令和", Date.UTC(2019, 4, 1)], ["平成", Date.UTC(1989, 0, 8)], ["昭和", Date.UTC(1926, 11, 25)], ["大正", Date.UTC(1912, 6, 30)], ["明治", Date.UTC(1868, 0, 25)]];
const monthNames = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
const monthPattern = String.raw`(?<month>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?`;
const weekdaysJa = "日月火水木金土";

/** 12, "十二", "二〇二四" or "元" (the first year of an era). */
function parseJapaneseNumber(text: string): number | undefined {
  if (text === "元") return 1;
  if (/^\d+$/.test(text)) return Number(text);
  const digits: Record<string, number> = { 〇: 0, 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
  if (!text.includes("十")) return [...text].every((character) => character in digits) ? Number([...text].map((character) => digits[character]).join("")) : undefined;
  const [tens, ones] = text.split("十");
  if (tens!.length > 1 || ones!.length > 1) return undefined;
  return (tens ? digits[tens]! : 1) * 10 + (ones ? digits[ones]! : 0);
}

const num = (value: string | undefined) => (value === undefined ? undefined : parseJapaneseNumber(value));
const pad = (value: number, like: string | undefined) => (like !== undefined && like.length === 2 ? String(value).padStart(2, "0") : String(value));

function isRealDate({ year = 2000, month = 1, day = 1 }: Parts): boolean {
  const date = new Date(Date.UTC(year, month - 1, day));
  return month >= 1 && month <= 12 && date.getUTCMonth() === month - 1 && date.getUTCDate() === day && year >= 1850 && year <= 2200;
}

function shiftParts(parts: Parts, shiftDays: number, referenceYear: number): Parts {
  if (parts.day !== undefined && parts.month !== undefined) {
    const moved = new Date(Date.UTC(parts.year ?? referenceYear, parts.month - 1, parts.day) + shiftDays * dayMs);
    return { year: moved.getUTCFullYear(), month: moved.getUTCMonth() + 1, day: moved.getUTCDate() };
  }
  if (parts.month !== undefined && parts.year !== undefined) {
    const months = parts.year * 12 + parts.month - 1 - Math.max(1, Math.round(Math.abs(shiftDays) / 30.4375));
    return { year: Math.floor(months / 12), month: (months % 12) + 1 };
  }
  return { year: parts.year! - Math.max(1, Math.round(Math.abs(shiftDays) / 365.25)) };
}

function japaneseEra(parts: Parts): { era: keyof typeof eraNames; year: number } {
  const time = Date.UTC(parts.year!, (parts.month ?? 7) - 1, parts.day ?? 1);
  const [era] = eraStarts.find(([, start]) => time >= start) ?? eraStarts[eraStarts.length - 1]!;
  return { era, year: parts.year! - eraNames[era] + 1 };
}

function eraYear(groups: Record<string, string | undefined>): number | undefined {
  const era = groups.era ? (eraNames as Record<string, number>)[groups.era] ?? eraNames[eraLetters[groups.era.toUpperCase()]!] : undefined;
  const year = num(groups.eraYear);
  return era === undefined || year === undefined || year < 1 || year > 64 ? undefined : era + year - 1;
}

function writeEra(shifted: Parts, groups: Record<string, string | undefined>): string {
  const { era, year } = japaneseEra(shifted);
  const yearText = year === 1 ? "元" : String(year);
  if (groups.era!.length === 1) {
    const letter = Object.keys(eraLetters).find((key) => eraLetters[key] === era)!;
    return `${letter}${groups.dot ?? ""}${yearText}${groups.sep1}${shifted.month}${groups.sep2}${shifted.day}${groups.dayMark ?? ""}`;
  }
  return `${era}${yearText}年${shifted.month !== undefined ? `${shifted.month}月` : ""}${shifted.day !== undefined ? `${shifted.day}日` : ""}`;
}

const weekday = (groups: Record<string, string | undefined>, shifted: Parts, referenceYear: number) =>
  groups.weekday === undefined ? "" : `${groups.open}${weekdaysJa[new Date(Date.UTC(shifted.year ?? referenceYear, shifted.month! - 1, shifted.day!)).getUTCDay()]}${groups.close}`;
const weekdaySuffix = String.raw`(?:\s*(?<open>[(（])(?<weekday>[日月火水木金土])(?<close>[)）]))?`;
const monthFirstPreferred = (groups: Record<string, string | undefined>) => groups.monthFirst === "1";

function finders(referenceYear: number): DateFinder[] {
  const fullYear = (text: string) => (text.length === 2 ? (Number(text) > referenceYear % 100 ? 1900 : 2000) + Number(text) : Number(text));
  return [
    {
      // 和暦 with era name or initial: 昭和55年4月1日, 令和元年5月1日, H30.4.1, S55/4/1
      pattern: new RegExp(String.raw`(?<era>明治|大正|昭和|平成|令和)\s*(?<eraYear>元|${number})\s*年(?:\s*(?<month>${number})\s*月(?:\s*(?<day>${number})\s*日)?)?|(?<![A-Za-z])(?<era2>[MTSHR])(?<dot>\.?)\s*(?<eraYear2>元|\d{1,2})(?<sep1>[./\-])(?<month2>\d{1,2})(?<sep2>[./\-])(?<day2>\d{1,2})(?<dayMark>日?)(?![\d./])`, "gu"),
      read: (groups) => {
        if (groups.era2) Object.assign(groups, { era: groups.era2, eraYear: groups.eraYear2, month: groups.month2, day: groups.day2 });
        const year = eraYear(groups);
        return year === undefined ? undefined : { year, month: num(groups.month), day: num(groups.day) };
      },
      write: writeEra,
    },
    {
      // 2024年4月1日, 2024年4月, 二〇二四年四月一日
      pattern: new RegExp(String.raw`(?<![\d.])(?<year>\d{4}|[〇一二三四五六七八九]{4})\s*年\s*(?<month>${number})\s*月(?:\s*(?<day>${number})\s*日)?${weekdaySuffix}`, "gu"),
      read: (groups) => ({ year: num(groups.year), month: num(groups.month), day: num(groups.day) }),
      write: (shifted, groups) => `${shifted.year}年${shifted.month}月${shifted.day !== undefined ? `${shifted.day}日` : ""}${weekday(groups, shifted, referenceYear)}`,
    },
    {
      // 2024-04-01, 2024/4/1, 2024.04.01
      pattern: /(?<![\d.\-/])(?<year>\d{4})\s*(?<sep>[/.\-])\s*(?<month>\d{1,2})\s*\k<sep>\s*(?<day>\d{1,2})(?![\d.\-/]\d)(?:\s*(?<open>[(（])(?<weekday>[日月火水木金土])(?<close>[)）]))?/gu,
      read: (groups) => ({ year: Number(groups.year), month: Number(groups.month), day: Number(groups.day) }),
      write: (shifted, groups) => `${shifted.year}${groups.sep}${pad(shifted.month!, groups.month)}${groups.sep}${pad(shifted.day!, groups.day)}${weekday(groups, shifted, referenceYear)}`,
    },
    {
      // 01/04/2024 or 4/1/2024: day first unless the month cannot be the day (or the note says month first)
      pattern: /(?<![\d.\-/])(?<first>\d{1,2})\s*(?<sep>[/.\-])\s*(?<second>\d{1,2})\s*\k<sep>\s*(?<year>\d{4}|\d{2})(?![\d.\-/]\d)/gu,
      read: (groups) => {
        const first = Number(groups.first);
        const second = Number(groups.second);
        const monthFirst = second > 12 || (first <= 12 && monthFirstPreferred(groups));
        groups.order = monthFirst ? "md" : "dm";
        // Two-digit years: with slashes, or zero-padded dotted groups (13.01.25); not "1.5.10" or "4-5-25".
        if (groups.year!.length === 2 && groups.sep !== "/" && !(groups.sep === "." && groups.first!.length === 2 && groups.second!.length === 2)) return undefined;
        return { year: fullYear(groups.year!), month: monthFirst ? first : second, day: monthFirst ? second : first };
      },
      write: (shifted, groups) => {
        const [a, b] = groups.order === "md" ? [pad(shifted.month!, groups.first), pad(shifted.day!, groups.second)] : [pad(shifted.day!, groups.first), pad(shifted.month!, groups.second)];
        return `${a}${groups.sep}${b}${groups.sep}${groups.year!.length === 2 ? String(shifted.year! % 100).padStart(2, "0") : shifted.year}`;
      },
    },
    {
      // April 1, 2024 · 1 April 2024 · 1st of April 2024 · April 2024 · April 1 · 1 April
      pattern: new RegExp(String.raw`(?:\b(?<dayBefore>\d{1,2})(?:st|nd|rd|th)?(?:\s+of)?\s+)?\b${monthPattern}(?:\s+(?<dayAfter>\d{1,2})(?:st|nd|rd|th)?\b)?(?:,?\s+(?<year>\d{4})\b)?`, "g"),
      read: (groups) => {
        if (groups.dayBefore === undefined && groups.dayAfter === undefined && groups.year === undefined) return undefined;
        const month = monthNames.findIndex((name) => name.startsWith(groups.month!.slice(0, 3))) + 1;
        return { year: groups.year === undefined ? undefined : Number(groups.year), month, day: num(groups.dayBefore ?? groups.dayAfter) };
      },
      write: (shifted, groups) => {
        const full = monthNames[shifted.month! - 1]!;
        const name = groups.month!.length <= 4 && groups.month !== "June" && groups.month !== "July" ? full.slice(0, 3) : full;
        const year = groups.year === undefined ? "" : `${groups.dayAfter !== undefined ? "," : ""} ${shifted.year}`;
        if (groups.dayBefore !== undefined) return `${shifted.day} ${name}${year}`;
        return `${name}${groups.dayAfter !== undefined ? ` ${shifted.day}` : ""}${year}`;
      },
    },
    {
      // 4月1日 (no year): a date in this or the reference year
      // (同年12月1日, 翌年3月2日: a relative year before it does not make it a full date)
      pattern: new RegExp(String.raw`(?<![\d〇一二三四五六七八九十元]\s*年|\d)(?<month>${number})\s*月\s*(?<day>${number})\s*日${weekdaySuffix}`, "gu"),
      read: (groups) => ({ month: num(groups.month), day: num(groups.day) }),
      write: (shifted, groups) => `${shifted.month}月${shifted.day}日${weekday(groups, shifted, referenceYear)}`,
    },
    {
      // 4/1 with a date's context around it (4/1より, on 4/1, 4/1(月), since 3/15); not MMT 4/5 or 1/2錠
      pattern: /(?<![\d./\-])(?:(?<=(?:\b(?:on|since|from|until|till|by|dated|onset|admitted|discharged|seen|week of|w\/c|due|review|before|after)\s+|(?:^|[、。,;:(（])[ \t]*))(?<month>\d{1,2})\/(?<day>\d{1,2})(?![\d/])(?!\s*(?:tab|cap|錠|包|本|枚|回|T\b|mg|g\b|mL|ml|量))|(?<month2>\d{1,2})\/(?<day2>\d{1,2})(?![\d/])(?=\s*(?:[(（][日月火水木金土][)）]|\d{1,2}:\d{2}|抜去|開始|終了|中止|投与|退院|再開|予定|より|から|まで|に|の|頃|ごろ|〜|~|入院|退院|受診|来院|施行|実施|手術|初診|再診|外来|発症|転院|撮影|検査)))(?:\s*(?<open>[(（])(?<weekday>[日月火水木金土])(?<close>[)）]))?/gmu,
      read: (groups) => {
        if (groups.month2 !== undefined) Object.assign(groups, { month: groups.month2, day: groups.day2 });
        return { month: Number(groups.month), day: Number(groups.day) };
      },
      write: (shifted, groups) => `${shifted.month}/${shifted.day}${weekday(groups, shifted, referenceYear)}`,
    },
    {
      // 和暦 era year alone is handled above; western year alone: 2019年, in 2019, since 2015
      pattern: /(?<![\d.\-/])(?<year>(?:18|19|20)\d{2})(?<nen>\s*年)(?!\s*\d{1,2}\s*月)(?!間|分)|(?<=\b(?:[Ii]n|[Ss]ince|[Ff]rom|[Dd]uring|[Uu]ntil|[Tt]ill|[Bb]y|[Cc]irca|c\.|[Yy]ear|[Ee]arly|[Ll]ate|[Mm]id-?|[Ss]ummer|[Ww]inter|[Ss]pring|[Aa]utumn|[Ff]all|[Bb]orn(?: in)?)\s+)(?<year2>(?:18|19|20)\d{2})\b(?!\d|[.,]\d|\s*(?:mg|mL|ml|g\b|units|IU|cells|ng|pg|%|x\b|patients|cases))/gu,
      read: (groups) => ({ year: Number(groups.year ?? groups.year2) }),
      write: (shifted, groups) => `${shifted.year}${groups.nen ?? ""}`,
    },
  ];
}

const partialDates = /(?<=\b(?:on|from|until|till|by|since|before|after)\s+the\s+)(?:[12]?\d|3[01])(?:st|nd|rd|th)\b(?!\s+(?:day|week|month|year|cycle|course|dose|centile|percentile|rib|toe|finger|floor|attempt|time|post|intercostal|of\s+(?:the\s+)?(?:cycle|course|month)))|(?:昨年|今年|本年|去年|一昨年|来年|前年|翌年)\s*(?:[1-9]|1[0-2])\s*月(?![\d日])|(?<![\d年/])(?:[1-9]|1[0-2])\s*月\s*(?:上旬|中旬|下旬|末|初旬|初め|半ば)|\b(?:Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun)(?:day|sday|nesday|rsday|urday)?\.?\s+(?:[12]?\d|3[01])(?:st|nd|rd|th)\b(?!\s+(?:of\s+)?(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec))/gu;
// Named days: they single out a date as well as digits do. (Not "Christmas disease", haemophilia B.)
const namedDays = /\b(?:Christmas (?:Day|Eve)|Boxing Day|New Year's (?:Day|Eve)|Easter (?:Sunday|Monday|Day)|Good Friday|Thanksgiving(?: Day)?|Independence Day|Halloween|Valentine's Day|Bonfire Night)(?:,?\s+\d{4})?|(?:元日|元旦|大晦日|クリスマスイブ|クリスマス当日|成人の日|こどもの日|敬老の日)(?:\s*\d{4}年?)?/gu;
const birthLabelBefore = /(?:生年月日|誕生日|D\.?O\.?B\.?|[Dd]ate of [Bb]irth|[Bb]irth ?[Dd]ate|[Bb]irthday|[Bb]orn(?: on| in)?|b\.)\s*(?:[:=]|は|\bis\b|\bwas\b)?\s*$/u;
const birthLabelAfter = /^\s*(?:生まれ|生(?![\p{Script=Han}])|出生)/u;

function ageBand(birth: Parts, referenceDate: Date, japanese: boolean): string {
  const month = birth.month ?? 7;
  const day = birth.day ?? 1;
  let age = referenceDate.getUTCFullYear() - birth.year!;
  if (referenceDate.getUTCMonth() + 1 < month || (referenceDate.getUTCMonth() + 1 === month && referenceDate.getUTCDate() < day)) age -= 1;
  if (age >= 90) return japanese ? "[90歳以上]" : "[age 90+]";
  const low = Math.max(0, Math.floor(age / 5) * 5);
  return japanese ? `[${low}-${low + 4}歳]` : `[age ${low}-${low + 4}]`;
}

/** Date spans with their shifted replacement; birth dates (by label or 生まれ) become an age band (DATE_OF_BIRTH). */
export function findNoteDates(text: string, options: NoteDateOptions): NoteSpan[] {
  const referenceYear = options.referenceDate.getUTCFullYear();
  const spans: NoteSpan[] = [];
  const taken = (start: number, end: number) => spans.some((span) => span.start < end && start < span.end);
  // A note that writes 13/04/2024 reads day first; one that writes 04/13/2024 reads month first.
  const monthFirst = /(?<![\d/])(?:0?[1-9]|1[0-2])\/(?:1[3-9]|2\d|3[01])\/\d{2,4}/.test(text) && !/(?<![\d/])(?:1[3-9]|2\d|3[01])\/(?:0?[1-9]|1[0-2])\/\d{2,4}/.test(text);
  for (const finder of finders(referenceYear)) {
    for (const match of text.matchAll(finder.pattern)) {
      const start = match.index;
      const end = start + match[0].length;
      if (match[0].trim() === "" || taken(start, end)) continue;
      const groups: Record<string, string | undefined> = { ...match.groups, monthFirst: monthFirst ? "1" : "0" };
      const parts = finder.read(groups, options);
      if (!parts || (parts.year === undefined && parts.month === undefined) || !isRealDate(parts)) continue;
      const before = text.slice(Math.max(0, start - 30), start);
      const after = text.slice(end, end + 6);
      if (parts.year !== undefined && (birthLabelBefore.test(before) || birthLabelAfter.test(after))) {
        const japanese = /[年月日]/.test(match[0]) || /[\p{Script=Han}\p{Script=Hiragana}]/u.test(before + after);
        spans.push({ start, end, category: "DATE_OF_BIRTH", replacement: ageBand(parts, options.referenceDate, japanese) });
        continue;
      }
      spans.push({ start, end, category: "DATE", replacement: finder.write(shiftParts(parts, options.shiftDays, referenceYear), groups) });
    }
  }
  // A day or month with no other part to move it by ("on the 15th", 昨年12月): nothing to shift, so it goes.
  for (const match of text.matchAll(namedDays)) if (!taken(match.index, match.index + match[0].length)) spans.push({ start: match.index, end: match.index + match[0].length, category: "DATE" });
  for (const match of text.matchAll(partialDates)) if (!taken(match.index, match.index + match[0].length)) spans.push({ start: match.index, end: match.index + match[0].length, category: "DATE" });
  return spans;
}
