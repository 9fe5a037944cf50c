import { beforeAll, describe, expect, it } from "vitest";
import { findJapaneseEntities } from "./note-japanese-entities";
import { loadJapaneseTokenizer, type JapaneseToken } from "./note-kuromoji-tokenizer";
import { buildNoteTextView } from "./note-text-view";

let tokenize: (text: string) => JapaneseToken[];
// The dictionary takes seconds to load on a busy machine: once, outside any test's own timeout.
beforeAll(async () => {
  const tokenizer = await loadJapaneseTokenizer();
  // As scrubNote does: place each token by its surface, since kuromoji's positions drift after punctuation.
  tokenize = (text) => {
    let cursor = 0;
    return tokenizer.tokenize(text).map((token) => {
      const start = text.indexOf(token.surface_form, cursor);
      cursor = start + token.surface_form.length;
      return { ...token, word_position: start + 1 };
    });
  };
}, 120_000);

function found(note: string): Array<[string, string]> {
  const { text } = buildNoteTextView(note);
  return findJapaneseEntities(text, tokenize(text)).map((span) => [span.category, text.slice(span.start, span.end)]);
}
const names = (note: string) => found(note).filter(([category]) => category === "NAME").map(([, value]) => value);

describe("findJapaneseEntities", () => {
  it.each([
    ["父 浩二（心筋梗塞、58歳で死去）", "浩二"],
    ["叔父 原 茂 膵癌", "原 茂"],
    ["祖母（母方）千代 大腸癌", "千代"],
    ["母：小野寺 トミ（94歳）", "小野寺 トミ"],
    ["妻 阿部 紀子は同席。", "阿部 紀子"],
    ["キーパーソン：長女 渡辺 真理子様", "渡辺 真理子"],
  ])("names after a family relation: %s", (note, name) => {
    expect(names(note)).toContain(name);
  });

  it.each([
    ["母：きくち よしえさま（高血圧症）", "きくち よしえ"],
    ["ナカジマ ヨウコさまが面会予定", "ナカジマ ヨウコ"],
    ["田村さんの長女", "田村"],
    ["患者氏名 村上 健二 殿", "村上 健二"],
    ["術者：森 健一郎　助手：柴田 彩", "森 健一郎"],
    ["術者：森 健一郎　助手：柴田 彩", "柴田 彩"],
    ["院長 丸山 徹", "丸山 徹"],
    ["長男夫婦、孫2人（ゆうと・みお）。", "ゆうと"],
    ["長男夫婦、孫2人（ゆうと・みお）。", "みお"],
    ["本人の呼び名は「よっちゃん」とのこと", "よっちゃん"],
    ["主治医小池よりDNARについて説明予定", "小池"],
    ["先生、古川です。昨日から熱があります", "古川"],
    ["たなべ脳神経クリニック　田辺 修（令和8年3月）", "田辺 修"],
  ])("names by honorific, label or role: %s", (note, name) => {
    expect(names(note)).toContain(name);
  });

  it.each([
    ["FACILITY", "みなと中央病院 消化器内科", "みなと中央病院"],
    ["FACILITY", "日吉駅前内科クリニックより", "日吉駅前内科クリニック"],
    ["FACILITY", "聖マリア循環器クリニックで心臓リハビリ", "聖マリア循環器クリニック"],
    ["FACILITY", "県立こども医療センター 小児科外来", "県立こども医療センター"],
    ["FACILITY", "葉呼吸器内科 院長", "葉呼吸器内科"],
    ["ORGANISATION", "勤務先：名古屋市交通局。", "名古屋市交通局"],
    ["ORGANISATION", "社員証より埼玉県庁職員と判明", "埼玉県庁"],
    ["ORGANISATION", "長男は株式会社北関東運輸勤務", "株式会社北関東運輸"],
    ["ORGANISATION", "特別養護老人ホーム白梅の里に入所", "特別養護老人ホーム白梅の里"],
    ["ORGANISATION", "市立第三中学校2年", "市立第三中学校"],
    ["ADDRESS", "横浜市港北区日吉本町3丁目14-8", "横浜市港北区日吉本町3丁目14-8"],
    ["ADDRESS", "八丈島在住のため通院困難", "八丈島"],
    ["FACILITY", "TEL受：ケアプランセンターみどり 菅原ケアマネより", "ケアプランセンターみどり"],
    ["FACILITY", "介護老人保健施設 あじさいの丘から救急搬送", "介護老人保健施設 あじさいの丘"],
    ["FACILITY", "愛知循環器センター 長尾 真一", "愛知循環器センター"],
    ["ORGANISATION", "父は昔、日本郵船の船長をしていた", "日本郵船"],
    ["ORGANISATION", "職業：JR東日本の運転士。", "JR東日本"],
    ["ADDRESS", "発見場所：JR大宮駅西口ロータリー付近", "JR大宮駅西口ロータリー"],
  ])("%s: %s", (category, note, value) => {
    // The span may reach a little further ("…ロータリー付近"); it must cover the whole identifier.
    expect(found(note).some(([kind, span]) => kind === category && span.includes(value)), JSON.stringify(found(note))).toBe(true);
  });

  it.each(["父：胃癌", "母 健在", "兄 2型糖尿病", "妹 香織 バセドウ病", "HbA1c 7.4%。勤務先：名古屋市交通局", "消化器内科に紹介", "糖尿病内科外来", "整形外科受診", "主治医に報告", "夜勤あり", "主治医意見書を作成", "訪問看護ステーションより連絡", "デイサービス利用中", "病棟の看護師", "氏名：ﾅｶﾑﾗ ﾕｳｺ\n帯下増量"])("leaves clinical words alone: %s", (note) => {
    const text = buildNoteTextView(note).text;
    for (const word of ["胃癌", "健在", "2型糖尿病", "バセドウ病", "HbA1c", "消化器内科", "糖尿病内科", "整形外科", "主治医", "夜勤", "意見書", "連絡", "利用中", "病棟", "帯下増量"]) {
      if (!text.includes(word)) continue;
      for (const [, value] of found(note)) expect(word.includes(value) || value.includes(word), `${note}: ${value}`).toBe(false);
    }
  });
});
