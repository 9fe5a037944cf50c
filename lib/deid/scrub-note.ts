// Rule-based removal of direct identifiers from Japanese and English clinical notes, run before a
// note is stored. It aims at the HIPAA Safe Harbor identifier kinds that occur in notes (names,
// addresses, dates of birth, phone numbers, e-mail, record and insurance numbers) plus Japan's
// マイナンバー, and leaves clinical content alone: lab values, doses, ages, exam dates.
// Rules cannot promise recall on free text; the compliance checklist treats this as one layer.

export const noteIdentifierCategories = [
  "NAME",
  "PHONE",
  "ID",
  "ADDRESS",
  "DATE_OF_BIRTH",
  "EMAIL",
  "INSURANCE_NO",
  "MY_NUMBER",
  "POSTAL_CODE",
] as const;

export type NoteIdentifierCategory = (typeof noteIdentifierCategories)[number];

export type ScrubbedNote = {
  text: string;
  /** How many identifiers of each category were replaced; every category present, zero included. */
  removed: Record<NoteIdentifierCategory, number>;
};

const placeholder = (category: NoteIdentifierCategory) => `[${category}]`;

// Character classes (after NFKC): kanji with the iteration mark, katakana with the long-vowel mark.
const kanji = String.raw`[\p{Script=Han}々〆ヶ]`;
const katakana = String.raw`[\p{Script=Katakana}ー]`;
const hiragana = String.raw`\p{Script=Hiragana}`;
const japaneseNameChar = String.raw`[\p{Script=Han}々〆ヶ\p{Script=Katakana}ー\p{Script=Hiragana}]`;
// What may separate a label from its value: spaces, a colon, "は" ("生年月日は…").
const sep = String.raw`\s*(?:[:=]|は|\bis\b)?\s*`;
// Free-form values (names, addresses) need a visible separator, so "氏名欄" is not read as a name.
const strictSep = String.raw`(?:\s*[:=]\s*|\s+)`;

const monthName = String.raw`(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?`;
// Western dates: 1980/4/1, 1980-04-01, 1980.4.1, 1980年4月1日, 01/04/1980, April 1, 1980, 1 April 1980.
const westernDate = String.raw`(?:\d{4}\s*[/.\-]\s*\d{1,2}\s*[/.\-]\s*\d{1,2}|\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日?|\d{1,2}\s*[/.\-]\s*\d{1,2}\s*[/.\-]\s*\d{4}|${monthName}\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}|\d{1,2}(?:st|nd|rd|th)?\s+${monthName},?\s+\d{4})`;
// 和暦: era name or its initial (M/T/S/H/R), year as digits or 元 (the first year), then month and day.
const japaneseEraDate = String.raw`(?:明治|大正|昭和|平成|令和|[MTSHR]\.?)\s*(?:\d{1,2}|元)\s*(?:年|[/.\-])\s*\d{1,2}\s*(?:月|[/.\-])\s*\d{1,2}\s*日?`;
const anyDate = `(?:${japaneseEraDate}|${westernDate})`;

const prefectures =
  "北海道|青森県|岩手県|宮城県|秋田県|山形県|福島県|茨城県|栃木県|群馬県|埼玉県|千葉県|東京都|神奈川県|新潟県|富山県|石川県|福井県|山梨県|長野県|岐阜県|静岡県|愛知県|三重県|滋賀県|京都府|大阪府|兵庫県|奈良県|和歌山県|鳥取県|島根県|岡山県|広島県|山口県|徳島県|香川県|愛媛県|高知県|福岡県|佐賀県|長崎県|熊本県|大分県|宮崎県|鹿児島県|沖縄県";
const kanjiNumber = "[0-9一二三四五六七八九十〇]+";
// 丁目・番地・号 or hyphenated numbers, optionally a building and room: 3丁目14番15号, 3-14-15, 1番地, 2-5-8 メゾン白山101.
const blockNumber = String.raw`${kanjiNumber}\s*(?:丁目|-|ー|の)\s*(?:${kanjiNumber}\s*(?:番地?|-|ー|の)\s*)?(?:${kanjiNumber}\s*号?)?|${kanjiNumber}\s*番地(?:\s*${kanjiNumber}\s*号?)?`;
const building = String.raw`(?:\s*${japaneseNameChar}{2,12}\s*\d{1,4}(?:号室)?)?`;
const streetSuffix = String.raw`(?:Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Lane|Ln|Drive|Court|Ct|Way|Place|Pl|Terrace|Highway|Hwy)\.?`;

type Rule = {
  category: NoteIdentifierCategory;
  pattern: RegExp;
  /** Names of groups kept around the replaced value (labels, honorifics); everything else in the match is replaced. */
  keep?: { before?: string; after?: string };
  /** Returns false to leave a match alone. */
  accept?: (match: RegExpExecArray) => boolean;
};

function rule(category: NoteIdentifierCategory, source: string, options: Omit<Rule, "category" | "pattern"> = {}): Rule {
  return { category, pattern: new RegExp(source, "gu"), ...options };
}

const keepLabel = { before: "label" } as const;

// Words that end in a kanji run before さん/様/先生 but are roles or relations, not names.
const notNames = new Set([
  "同", "異", "多", "一", "仕", "模", "文", "左", "神", "王", "仏", "客", "皆", "各", "貴", "彼", "奥", "御",
  "母", "父", "兄", "姉", "弟", "妹", "娘", "孫", "嫁", "夫", "妻", "子", "息子", "家族", "本人", "患者", "医師", "主治医",
  "担当医", "担当", "看護師", "薬剤師", "技師", "先生", "院長", "部長", "教授", "紹介医", "前医", "当直医", "研修医",
  "専門医", "指導医", "歯科", "主治", "当直", "研修", "専門", "指導", "紹介", "救急", "患者様", "利用者", "相談員",
]);
// Role words that often run straight into a name ("主治医佐藤先生"); peeled off and kept.
// Longest first, so "母親" is peeled whole rather than as "母".
const rolePrefixes = [
  "主治医", "担当医", "紹介医", "看護師", "薬剤師", "担当", "患者", "家族", "本日", "昨日", "今日", "明日", "当院", "前医",
  "母親", "父親", "長男", "長女", "次男", "次女", "祖母", "祖父", "妻", "夫", "母", "父", "兄", "姉", "弟", "妹",
].sort((a, b) => b.length - a.length);

function peelRolePrefix(run: string): { role: string; name: string } {
  let role = "";
  let name = run;
  for (let changed = true; changed; ) {
    changed = false;
    const prefix = rolePrefixes.find((candidate) => name.startsWith(candidate) && name.length > candidate.length);
    if (prefix) {
      const spaced = /^\s*/.exec(name.slice(prefix.length))?.[0] ?? "";
      role += prefix + spaced;
      name = name.slice(prefix.length + spaced.length);
      changed = true;
    }
  }
  return { role, name };
}

// 様, 氏 and 君 followed by another kanji are not honorifics: 様子, 感冒様症状, すりガラス様陰影, 氏名.
const honorific = String.raw`(?:様(?!\p{Script=Han})|さま|さん|氏(?!\p{Script=Han})|先生|医師|くん|君(?!\p{Script=Han})|ちゃん|殿)`;

const rules: Rule[] = [
  rule("EMAIL", String.raw`[A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,}`),

  // Labelled values first: the label says what the value is, whatever its shape.
  rule("DATE_OF_BIRTH", String.raw`(?<label>(?:生年月日|誕生日|D\.?O\.?B\.?|Date of birth|Birth ?date|born(?: on)?)${sep})(?:${anyDate})`, { keep: keepLabel }),
  rule("DATE_OF_BIRTH", String.raw`${anyDate}(?<after>\s*(?:生まれ|生(?=[\s,、。)）]|$)))`, { keep: { after: "after" } }),
  rule("MY_NUMBER", String.raw`(?<label>(?:マイナンバー|個人番号|My ?Number)(?:カード)?(?:番号)?${sep})\d{4}[\s\-]?\d{4}[\s\-]?\d{4}(?!\d)`, { keep: keepLabel }),
  rule(
    "INSURANCE_NO",
    String.raw`(?<label>(?:保険者番号|被保険者証?(?:記号)?(?:番号)?|記号番号|保険証(?:記号)?(?:番号)?|保険番号|Insurance (?:No\.?|Number|ID)|Insurer (?:No\.?|Number)|Policy (?:No\.?|Number))${sep})(?=[0-9A-Za-z\-]*\d)[0-9A-Za-z\-]+(?:[\s・](?=[0-9A-Za-z\-]*\d)[0-9A-Za-z\-]+)?`,
    { keep: keepLabel },
  ),
  rule("INSURANCE_NO", String.raw`(?<label>記号${sep})(?=[0-9A-Za-z\-]*\d)[0-9A-Za-z\-]+(?<after>\s*[・,、]?\s*番号${sep})(?=[0-9A-Za-z\-]*\d)[0-9A-Za-z\-]+`, {
    keep: { before: "label", after: "after" },
  }),
  rule(
    "ID",
    String.raw`(?<label>(?:患者ID|患者番号|カルテ番号|カルテNo\.?|カルテ|診察券番号|診察券No\.?|診察券|病歴番号|受付番号|登録番号|\bMRN\b|MR#|Medical record (?:No\.?|number)|Hospital (?:No\.?|number|ID)|Patient ID|Pt\.? ID|\bID\b|\bNo\.)\s*#?${sep})(?=[0-9A-Za-z\-]*\d)[0-9A-Za-z\-]{3,}`,
    { keep: keepLabel },
  ),
  rule("POSTAL_CODE", String.raw`〒\s*\d{3}\s*-?\s*\d{4}`),
  rule("POSTAL_CODE", String.raw`(?<label>(?:郵便番号|Postal code|Post code|ZIP(?: code)?|Zip(?: code)?)${sep})\d{3}-?\d{4}|(?<label2>(?:ZIP|Zip)(?: code)?${sep})\d{5}(?:-\d{4})?`, {
    keep: keepLabel,
  }),
  rule("PHONE", String.raw`(?<label>(?:TEL|Tel|tel|電話番号|電話|携帯番号|携帯|連絡先|FAX|Fax|Phone|phone|Mobile|mobile|Cell|cell)\.?${sep})\+?[\d(][\d\s()\-]{7,}\d`, {
    keep: keepLabel,
    accept: (match) => digitCount(match[0]) >= 9,
  }),
  rule(
    "ADDRESS",
    String.raw`(?<label>(?:住所|現住所|居住地|Address|address)${strictSep})(?:(?:${prefectures})?${japaneseNameChar}{1,12}?(?:${blockNumber})${building}|[^\n。;]{4,60}?(?=\s*(?:TEL|Tel|電話|\n|。|;|$)))`,
    { keep: keepLabel },
  ),
  rule(
    "NAME",
    String.raw`(?<label>(?:患者氏名|患者名|氏名|お名前|名前|フリガナ|ふりがな|記載者|記録者|キーパーソン|Patient name|Pt\.? name|Full name|Name|Signed by|Next of kin)${strictSep})(?:${japaneseNameChar}{1,8}(?:[\s・](?!年齢|性別|生年月日|住所|電話|男性|女性|様|さん|殿)${japaneseNameChar}{1,8}){0,2}|[A-Z][A-Za-z'’\-]+(?:(?:\s+|,\s*|\^)[A-Z][A-Za-z'’\-]+){0,2})(?:\s*[(（][\p{Script=Han}々\p{Script=Katakana}ー\p{Script=Hiragana}\s・]+[)）])?`,
    { keep: keepLabel },
  ),

  // Shapes that are identifiers wherever they occur.
  rule("PHONE", String.raw`(?<![\d\-+])(?:\+81[\s\-]?\(?0?\d{1,4}\)?|0\d{1,4})[\s\-]\d{1,4}[\s\-]\d{3,4}(?![\d\-])`),
  rule("PHONE", String.raw`(?<![\d\-])(?:0\d{1,4}\s?\(\d{1,4}\)\s?\d{3,4}|\(0?\d{1,4}\)\s?\d{1,4}[\s\-]\d{4})(?![\d\-])`),
  rule("PHONE", String.raw`(?<![\d\-])0[5789]0\d{8}(?!\d)|(?<![\d\-])0\d{9}(?!\d)`),
  rule("PHONE", String.raw`(?<![\w+])\+\d{1,3}(?:[\s\-]?\(?\d{1,4}\)?){2,5}(?![\d\-])`, { accept: (match) => digitCount(match[0]) >= 8 }),
  rule("MY_NUMBER", String.raw`(?<![\d\-])\d{4}[\s\-]?\d{4}[\s\-]?\d{4}(?![\d\-])`),
  rule("ADDRESS", String.raw`(?:${prefectures})${japaneseNameChar}{1,15}?(?:${blockNumber})${building}`),
  rule("ADDRESS", String.raw`${kanji}{1,6}[市区町村郡]${japaneseNameChar}{1,10}?(?:${blockNumber})${building}`, {
    accept: (match) => /丁目|番地|号|\d+\s*[-ー]\s*\d+/.test(match[0]),
  }),
  rule(
    "ADDRESS",
    String.raw`\b\d{1,5}\s+(?:[A-Z][a-z]+\s+){1,3}${streetSuffix}(?:,?\s*(?:Apt|Suite|Unit|#)\.?\s*\w+)?(?:,\s*[A-Z][a-z]+(?:\s[A-Z][a-z]+)?)?(?:,\s*[A-Z]{2}\s+\d{5}(?:-\d{4})?)?`,
  ),

  // Names: an honorific after a Japanese name, a title before an English one.
  rule(
    "NAME",
    String.raw`(?:${kanji}{1,6}(?:\s${kanji}{1,4})?|${kanji}{1,4}\s?${hiragana}{2,4}|${katakana}{2,10}(?:[\s・]${katakana}{2,10})?)(?<after>\s?${honorific})`,
    { keep: { after: "after" } },
  ),
  rule("NAME", String.raw`(?<label>\b(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof)\.?\s+)[A-Z][A-Za-z'’\-]+(?:\s+[A-Z][A-Za-z'’\-]+){0,2}`, { keep: keepLabel }),
  rule("NAME", String.raw`\b[A-Z][a-z]+(?:\s[A-Z][a-z]+)?(?<after>-(?:san|sama|sensei|kun|chan|shi))\b`, { keep: { after: "after" } }),

  // Last: long digit runs that nothing above explained are treated as record numbers, unless a unit follows.
  rule("ID", String.raw`(?<![\d.,\-])\d{7,}(?![\d.,\-])(?!\s*(?:/|mg|g\b|mL|ml|L\b|IU|U\b|%|個|cells|copies))`),
];

function digitCount(text: string): number {
  return text.replace(/\D/g, "").length;
}

function emptyRemoved(): Record<NoteIdentifierCategory, number> {
  return Object.fromEntries(noteIdentifierCategories.map((category) => [category, 0])) as Record<NoteIdentifierCategory, number>;
}

type NameTokens = Set<string>;

/** Japanese names from an honorific match, with the leading role word kept; undefined when it is not a name. */
function splitJapaneseName(run: string): { role: string; name: string } | undefined {
  const { role, name } = peelRolePrefix(run);
  if (name.trim() === "" || notNames.has(name) || rolePrefixes.includes(name) || name.endsWith("科")) return undefined;
  return { role, name };
}

function applyRule(text: string, current: Rule, removed: Record<NoteIdentifierCategory, number>, names: NameTokens): string {
  return text.replace(current.pattern, (...args: unknown[]) => {
    const groups = (typeof args[args.length - 1] === "object" ? args[args.length - 1] : {}) as Record<string, string | undefined>;
    const matched = args[0] as string;
    const execLike = Object.assign([matched], { groups, index: 0, input: text }) as unknown as RegExpExecArray;
    if (current.accept && !current.accept(execLike)) return matched;

    let before = (current.keep?.before ? groups[current.keep.before] : undefined) ?? groups.label2 ?? "";
    const after = (current.keep?.after ? groups[current.keep.after] : undefined) ?? "";
    let value = matched.slice(before.length, matched.length - after.length);

    if (current.category === "NAME") {
      // A role or relation written before the name ("長女 渡辺", "主治医中村") stays; the name goes.
      const split = splitJapaneseName(value);
      if (!split) return matched;
      before += split.role;
      value = split.name;
    }
    if (value.trim() === "") return matched;
    if (current.category === "NAME") rememberName(value, names);
    removed[current.category] += 1;
    return `${before}${placeholder(current.category)}${after}`;
  });
}

// Common capitalised words that can follow a title or a label but are never worth chasing elsewhere.
const ignoredNameTokens = new Set(["The", "And", "Patient", "Doctor", "Nurse", "Name", "San", "Sama"]);

function rememberName(value: string, names: NameTokens): void {
  const cleaned = value.replace(/[(（][^)）]*[)）]/g, " ");
  for (const token of cleaned.split(/[\s,^・]+/)) {
    if (/^[A-Z][A-Za-z'’\-]{2,}$/.test(token) && !ignoredNameTokens.has(token)) names.add(token);
    else if (new RegExp(`^${japaneseNameChar}{2,}$`, "u").test(token)) {
      names.add(token);
      // "山田太郎" written without a space: the family name alone is most often the first two kanji.
      if (new RegExp(`^${kanji}{4}$`, "u").test(token)) names.add(token.slice(0, 2));
    }
  }
}

/** Later bare mentions of a name already found next to an honorific, title or label ("佐藤は", "Smith reports"). */
function removeRepeatedNames(text: string, names: NameTokens, removed: Record<NoteIdentifierCategory, number>): string {
  const tokens = [...names].sort((a, b) => b.length - a.length);
  let result = text;
  for (const token of tokens) {
    const escaped = token.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    const pattern = /^[A-Za-z]/.test(token) ? new RegExp(`(?<![A-Za-z])${escaped}(?![A-Za-z])`, "g") : new RegExp(escaped, "gu");
    result = result.replace(pattern, () => {
      removed.NAME += 1;
      return placeholder("NAME");
    });
  }
  return result;
}

/**
 * Replaces identifiers in a clinical note with category placeholders ([NAME], [PHONE], …). The note
 * is NFKC-normalised first, so full-width digits and letters (０９０, ＩＤ) and half-width katakana are
 * matched like their plain forms. Dates other than birth dates are kept (exam dates matter clinically
 * and are not identifying on their own once names and numbers are gone); ages are kept.
 */
export function scrubNote(note: string): ScrubbedNote {
  const removed = emptyRemoved();
  const names: NameTokens = new Set();
  let text = note.normalize("NFKC");
  for (const current of rules) text = applyRule(text, current, removed, names);
  text = removeRepeatedNames(text, names, removed);
  return { text, removed };
}
