import type { NoteSpan } from "./note-identifier-categories";

// "Any other unique identifying characteristic" (Safe Harbor (R)): an event or a public role that
// singles a person out ("the only survivor of…", "former mayor of…", "オリンピック金メダリスト").
// The whole clause that carries the cue goes, since the details that identify sit around the cue.

const cues = [
  String.raw`\b(?:only|sole|lone|last)\s+survivor`, String.raw`\bsurvivor of the\b`, String.raw`\bOlympic`, String.raw`\bgold medal`, String.raw`\bworld record`,
  String.raw`\bNobel`, String.raw`\b(?:former\s+)?(?:mayor|governor|senator|congressman|congresswoman|prime minister|president|ambassador|MP|CEO|chairman)\s+(?:of|for)\b`,
  String.raw`\bmember of (?:parliament|congress|the house)`, String.raw`\bfamous\b`, String.raw`\bcelebrity\b`, String.raw`\bwell-known\b`,
  String.raw`\bappeared on (?:national\s+)?(?:TV|television|the news)`, String.raw`\bnews (?:report|coverage|story)`, String.raw`\bfeatured in\b`,
  String.raw`\bthe first (?:woman|man|person|patient) (?:to|in)\b`, String.raw`\boldest (?:living\s+)?(?:person|man|woman|resident)`,
  String.raw`\b(?:sextuplets|quintuplets|octuplets|conjoined twins)\b`, String.raw`\b(?:lottery winner|won the lottery)\b`, String.raw`\bprofessional (?:footballer|baseball player|athlete|boxer|wrestler)`,
  String.raw`\b(?:widely|as)\s+reported`, String.raw`\bin the (?:news|papers|press)\b`, String.raw`\bmade (?:the )?headlines`,
  String.raw`\bthe first\b[^.;\n]{0,40}\bin (?:the (?:county|state|country|region|UK|US)|Japan|Britain|England|Scotland|Wales)`,
  "(?:県内|国内|日本|市内|道内|都内|府内|世界|院内|地域)(?:で|初の|初)(?:最初|初めて|初)?", "唯一の生存者", "生存者", "唯一(?:の)?(?:救出|生還|生き残)", "(?:新聞|地元紙|全国紙|テレビ|雑誌|ニュース)(?:に|で)(?:も)?(?:掲載|報道|紹介|取り上げ)", "金メダ", "オリンピック", "パラリンピック", "世界記録", "日本記録", "ノーベル賞", "市長", "町長", "村長", "知事", "国会議員", "議員",
  "芸能人", "有名人", "著名人", "横綱", "大関", "プロ野球選手", "プロ野球", "Jリーガー", "タレント", "俳優", "女優", "歌手", "報道され", "ニュースで", "六つ子",
  "五つ子", "四つ子", "結合双生児", "最高齢", "宝くじ", "人間国宝",
].join("|");
const cuePattern = new RegExp(cues, "giu");
const boundary = /[.;!?\n。、]/u;

export function findUniqueEvents(text: string): NoteSpan[] {
  const spans: NoteSpan[] = [];
  for (const match of text.matchAll(cuePattern)) {
    let start = match.index;
    while (start > 0 && !boundary.test(text[start - 1]!)) start -= 1;
    let end = match.index + match[0].length;
    while (end < text.length && !(boundary.test(text[end]!) && !/\d/.test(text[end + 1] ?? ""))) end += 1;
    while (start < end && /\s/.test(text[start]!)) start += 1;
    spans.push({ start, end, category: "UNIQUE_EVENT" });
  }
  return spans;
}
