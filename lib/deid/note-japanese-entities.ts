import type { NoteIdentifierCategory, NoteSpan } from "./note-identifier-categories";
import type { JapaneseToken } from "./note-kuromoji-tokenizer";

// Japanese names, places, facilities and organisations. kuromoji's IPADIC tags person names
// (人名 姓/名), places (地域) and organisations (組織); context cues catch what the dictionary does
// not know: an honorific after a name (様, さん, 先生), a relation before it (父, 妻), a label
// (氏名:), a facility or school suffix (病院, クリニック, 小学校), a workplace verb (勤務).

const han = String.raw`[\p{Script=Han}々〆ヶ]`;
const kana = String.raw`[\p{Script=Katakana}ー]`;
const hira = String.raw`\p{Script=Hiragana}`;
const nameChar = String.raw`[\p{Script=Han}々〆ヶ\p{Script=Katakana}ー\p{Script=Hiragana}]`;
const honorific = String.raw`(?:様(?!\p{Script=Han})|さま|さん|氏(?!\p{Script=Han})|先生|医師|くん|君(?!\p{Script=Han})|ちゃん|殿)`;

// Words before an honorific that are roles, relations or common words, not names.
const notNames = new Set([
  "同", "異", "多", "一", "仕", "模", "文", "左", "神", "王", "仏", "客", "皆", "各", "貴", "彼", "奥", "御", "母", "父", "兄", "姉", "弟", "妹", "娘",
  "孫", "嫁", "夫", "妻", "子", "息子", "家族", "本人", "患者", "医師", "主治医", "担当医", "担当", "看護師", "薬剤師", "技師", "先生", "院長", "部長",
  "教授", "紹介医", "前医", "当直医", "研修医", "専門医", "指導医", "歯科", "主治", "当直", "研修", "専門", "指導", "紹介", "救急", "患者様", "利用者",
  "相談員", "お母", "お父", "お兄", "お姉", "おばあ", "おじい", "おかあ", "おとう", "おにい", "おねえ", "おば", "おじ", "みな", "おく", "あか", "おこ",
  "ぼっ", "じょう", "お客", "お子", "娘さん", "奥様", "ご家族", "ご本人", "介護士", "ケアマネ", "ヘルパー", "ケアマネジャー", "ドクター", "ナース",
]);
// Role and relation words that run straight into a name ("主治医佐藤先生"); kept, the name goes.
const rolePrefixes = [
  "先生", "御侍史", "御机下", "侍史", "机下", "主治医", "担当医", "紹介医", "看護師", "薬剤師", "担当", "患者", "家族", "本日", "昨日", "今日", "明日", "当院", "前医", "母親", "父親", "長男",
  "長女", "次男", "次女", "祖母", "祖父", "妻", "夫", "母", "父", "兄", "姉", "弟", "妹",
].sort((a, b) => b.length - a.length);
const relations = new Set(["父親", "母親", "父", "母", "夫", "妻", "兄", "姉", "弟", "妹", "息子", "娘", "長男", "長女", "次男", "次女", "三男", "三女", "祖父", "祖母", "孫", "義父", "義母", "配偶者", "キーパーソン", "同居人", "友人", "知人", "介護者", "保護者", "婚約者", "家族", "叔父", "叔母", "伯父", "伯母", "甥", "姪", "いとこ", "従兄", "従姉", "従弟", "従妹", "曾祖父", "曾祖母", "義兄", "義姉", "義弟", "義妹", "継父", "継母", "養父", "養母", "内縁の夫", "内縁の妻", "パートナー", "孫娘"]);
const relationPattern = [...relations].sort((a, b) => b.length - a.length).join("|");
// Staff named by their role in a record: 術者：森 健一郎, 院長 丸山 徹, 読影医 宮本.
const roleLabels = "術者|執刀医|第一助手|第二助手|助手|麻酔科医|麻酔医|主治医|担当医|担当看護師|受持ち看護師|受け持ち看護師|読影医|記録者|報告者|依頼医|紹介医|当直医|研修医|看護師|薬剤師|院長|施設長|理事長|ケアマネジャー|ケアマネ|MSW|相談員|管理栄養士|理学療法士|作業療法士|言語聴覚士|保健師|助産師";
const nameLabels = "患者氏名|患者名|氏名|お名前|名前|フリガナ|ふりがな|記載者|記録者|キーパーソン|署名|担当者|連絡者|緊急連絡先";

const facilitySuffix = "(?:循環器|心臓|脳卒中|がん|癌|腎|透析|健診|検診|リハビリテーション|周産期|小児|こども|成育|呼吸器|消化器|肝臓|糖尿病|画像診断|内視鏡|脳神経|眼|乳腺|PET|ハート|メディカル|ヘルスケア)センター|総合病院|記念病院|大学病院|病院|クリニック|医院|診療所|医療センター|メディカルセンター|ホスピタル|保健所|診療センター|訪問看護ステーション";
// A clinic is often named for its department (柏の葉呼吸器内科); a department alone (消化器内科) is generic.
const departmentSuffix = "心療内科|整形外科|脳神経外科|形成外科|内科|外科|眼科|皮膚科|耳鼻咽喉科|耳鼻科|小児科|歯科|産婦人科|婦人科|泌尿器科|精神科";
const schoolSuffix = "小学校|中学校|高等学校|高校|短期大学|大学|専門学校|幼稚園|保育園|保育所|学園|特別支援学校|看護学校";
const careHomeType = "特別養護老人ホーム|介護老人保健施設|有料老人ホーム|老人ホーム|グループホーム|サービス付き高齢者向け住宅|ケアハウス|デイサービス(?:センター)?|介護施設|施設";
const employerSuffix = "株式会社|\\(株\\)|商事|工業|製作所|銀行|建設|運輸|電機|物産|商店|工務店|市役所|区役所|町役場|村役場|役場|信用金庫|農協|郵便局|警察署|消防署|新聞社|出版社|食品|製薬|病院|県庁|都庁|府庁|道庁|交通局|水道局|紡織|紡績|製紙|重工|自動車|電力|鉄道|航空|証券|生命|不動産|薬品|製鉄|ホールディングス";
const generic = new RegExp(
  `^(?:紹介元|紹介先|前医|当院|近医|同院|他院|元|先|当|同|前|近|他|本|大|小|大学|総合|市民|地域|近隣|専門|一般|救急|療養型|急性期|慢性期|地元|医科|歯科|内科|外科|整形外科|整形|眼科|小児科|皮膚科|精神科|精神|心療内科|糖尿病|代謝|内分泌|腎臓|血液|腫瘍|膠原病|リウマチ|感染症|老年|総合診療|心臓血管|血管|乳腺|形成|美容|肝臓|胆膵|消化管|頭頸部|甲状腺|腎|肝|心臓|肛門|緩和ケア|緩和|ペイン|放射線|麻酔|病理|救命|集中治療|新生児|周産期|女性|男性|小児|大腸|胃腸|内視鏡|睡眠|頭痛|漢方|アレルギー|生活習慣病|当科|院内|外来|本日|昨日|今日|明日|翌日|同日|前日|初診|再診|受診|紹介状|婦人|耳鼻咽喉科|耳鼻科|産婦人科|婦人科|泌尿器科|循環器|循環器内科|呼吸器|呼吸器内科|消化器|消化器内科|脳神経外科|脳神経|神経内科|神経|リハビリ|リハビリテーション|透析|がん|癌|かかりつけ|訪問|在宅|診療|附属|付属|国立|県立|府立|都立|市立|公立|私立|民間|地方|中核|基幹|大型|小規模|各|の|・|\\s)*$`,
  "u",
);
const workCue = "勤務|勤め|就労|在籍|通学|通う|通って|卒業|卒|入所|入居|通所|職員|社員|教諭|学生|生徒|在学|退職|経営|パート|アルバイト|所属";

type Found = NoteSpan[];
const add = (spans: Found, start: number, end: number, category: NoteIdentifierCategory, weak = false) => {
  if (end > start) spans.push({ start, end, category, ...(weak ? { weak } : {}) });
};

function peelRole(run: string): { roleLength: number; name: string } {
  let roleLength = 0;
  let name = run;
  for (let changed = true; changed; ) {
    changed = false;
    const prefix = rolePrefixes.find((candidate) => name.startsWith(candidate) && name.length > candidate.length);
    if (prefix) {
      const spaced = /^\s*/.exec(name.slice(prefix.length))![0];
      roleLength += prefix.length + spaced.length;
      name = name.slice(prefix.length + spaced.length);
      changed = true;
    }
  }
  return { roleLength, name };
}

const isNameWord = (name: string) => name.trim() !== "" && !notNames.has(name.trim()) && !rolePrefixes.includes(name) && !name.endsWith("科") && !/^[\p{Script=Hiragana}]{1,2}$/u.test(name);

/** Names cued by an honorific or a label. */
function findCuedNames(text: string, spans: Found): void {
  // Parts of a name are joined by a space, never a line break ("氏名：ﾅｶﾑﾗ ﾕｳｺ\n帯下増量").
  const beforeHonorific = new RegExp(String.raw`(?:${han}{1,6}(?:[ \t\u3000]${han}{1,4})?|${han}{1,4}[ \t\u3000]?${hira}{2,4}|${kana}{2,10}(?:[ \t\u3000・]${kana}{2,10})?|${hira}{2,6}(?:[ \t\u3000]${hira}{2,6})?)(?=[ \t\u3000]?${honorific})`, "gu");
  for (const match of text.matchAll(beforeHonorific)) {
    const { roleLength, name } = peelRole(match[0]);
    if (isNameWord(name)) add(spans, match.index + roleLength, match.index + match[0].length, "NAME");
  }
  const labelled = new RegExp(String.raw`(?<=(?:${nameLabels})\s*[:=]?\s*)${nameChar}{1,8}(?:[ \t\u3000・](?!年齢|性別|生年月日|住所|電話|男性|女性|様|さん|殿)${nameChar}{1,8}){0,2}|(?<=(?:${nameLabels})\s*[:=]?\s*)[A-Z][A-Za-z'’\-]+(?:(?:[ \t]+|,[ \t]*|\^)[A-Z][A-Za-z'’\-]+){0,2}`, "gu");
  for (const match of text.matchAll(labelled)) {
    const { roleLength, name } = peelRole(match[0]);
    if (isNameWord(name)) add(spans, match.index + roleLength, match.index + match[0].length, "NAME");
  }
  const byRole = new RegExp(String.raw`(?<=(?:${roleLabels})(?:\s*[:=]\s*|[ \u3000]+))(?:${han}{1,4}(?:[ \u3000]${han}{1,3})?|${kana}{2,8}(?:[ \u3000・]${kana}{2,8})?|[A-Z][A-Za-z'’\-]+(?:[ \t]+[A-Z][A-Za-z'’\-]+){0,2})(?![\p{Script=Han}\p{Script=Katakana}ー])`, "gu");
  for (const match of text.matchAll(byRole)) if (isNameWord(match[0]) && !generic.test(match[0])) add(spans, match.index, match.index + match[0].length, "NAME");
  // Nicknames: 呼び名は「よっちゃん」, and the っちゃん form anywhere.
  for (const match of text.matchAll(/(?<=(?:呼び名|愛称|通称|ニックネーム|あだ名)\s*(?:は|:)?\s*[「『"]?)(?![:は「『\s])[^「『」』"、。\s]{1,10}(?=[」』"])|[\p{Script=Hiragana}]{1,3}っちゃん/gu)) {
    if (!/^(?:ぼっちゃん|おっちゃん|坊っちゃん)$/u.test(match[0])) add(spans, match.index, match.index + match[0].length, "NAME");
  }
  // A reading in brackets right after a name: 山田 太郎（ヤマダ タロウ）
  for (const match of text.matchAll(new RegExp(String.raw`[(（]\s*(?:${kana}|${hira}|[\s・])+[)）]`, "gu"))) {
    if (spans.some((span) => span.category === "NAME" && /^\s*$/.test(text.slice(span.end, match.index)) && span.end <= match.index)) add(spans, match.index, match.index + match[0].length, "NAME");
  }
}

/** Facilities, schools, care homes and employers named by their suffix, with generic words ("当院", "大学病院") left alone. */
function findOrganisations(text: string, spans: Found): void {
  // A hiragana stem (さくら銀行) may not start with a particle, so "には" stays outside.
  // Hiragana inside a name (みなと中央病院, 県立こども医療センター) but not a particle or a verb's ending before the suffix (近くの病院, 受診した病院).
  const chunk = String.raw`(?:[\p{Script=Han}々\p{Script=Katakana}ー・A-Za-z0-9]{1,16}|(?![はがをにでとのもへやか])\p{Script=Hiragana}{2,6}(?<![のにでへがはをたてるうくすだい]))`;
  const named = (suffix: string) => new RegExp(String.raw`(?<prefix>${chunk}{1,3})(?<suffix>${suffix})`, "gu");
  const groups: Array<[string, NoteIdentifierCategory]> = [[facilitySuffix, "FACILITY"], [schoolSuffix, "ORGANISATION"], [employerSuffix, "ORGANISATION"]];
  for (const [suffix, category] of groups) {
    for (const match of text.matchAll(named(suffix))) {
      const prefix = match.groups!.prefix!;
      if (generic.test(prefix)) continue;
      const lead = /^(?:紹介元|紹介先|前医|当院|近医|同院|他院)/u.exec(prefix)?.[0].length ?? 0;
      add(spans, match.index + lead, match.index + match[0].length, category);
    }
  }
  for (const match of text.matchAll(new RegExp(String.raw`(?<prefix>[\p{Script=Han}々\p{Script=Katakana}ー・A-Za-z0-9]{1,12}(?:の[\p{Script=Han}\p{Script=Katakana}ー]{1,6})*)(?<suffix>${departmentSuffix})(?![\p{Script=Han}])`, "gu"))) {
    const prefix = match.groups!.prefix!;
    const lastPart = prefix.split("の").pop()!;
    if (generic.test(prefix) || generic.test(lastPart) || /^(?:紹介元|紹介先|前医|当院|近医|同院|他院)/u.test(prefix)) continue;
    add(spans, match.index, match.index + match[0].length, "FACILITY");
  }
  const employerLabel = /(?<=(?:勤務先|勤め先|職場|会社名|所属先|勤務地|学校名|在籍校|通学先|就労先)\s*[:=は]?\s*)(?![:=は\s])[^\n。、;(（「」]{2,30}?(?=\s*(?:\n|。|、|;|\(|（|$|に|で|の|を|へ))/gu;
  for (const match of text.matchAll(employerLabel)) if (!generic.test(match[0])) add(spans, match.index, match.index + match[0].length, "ORGANISATION");
  const employerCue = new RegExp(String.raw`[\p{Script=Han}々\p{Script=Katakana}ー・A-Za-z0-9]{2,14}(?:の[\p{Script=Han}\p{Script=Katakana}ー]{1,8})?(?=(?:に|で)?(?:勤務|勤め|就労|在籍|職員|社員|従業員|を退職|退職|で働))`, "gu");
  for (const match of text.matchAll(employerCue)) {
    const parts = match[0].split("の");
    if (parts.every((part) => generic.test(part) || /^(?:元|前|現|夜|日|在宅|常|非常|派遣|契約|正|自宅|新|当|長年|定年|早期)$/u.test(part) || /(?:師|士|員|者|係|職|業|勤)$/u.test(part))) continue;
    add(spans, match.index, match.index + match[0].length, "ORGANISATION");
  }
  // Care services named by their type first: ケアプランセンターみどり, 訪問看護ステーションあおぞら.
  const serviceFirst = /(?:特別養護老人ホーム|介護老人保健施設|介護老人福祉施設|有料老人ホーム|グループホーム|サービス付き高齢者向け住宅|小規模多機能(?:型居宅介護)?|ケアハウス|ケアプランセンター|居宅介護支援事業所|地域包括支援センター|訪問看護ステーション|訪問介護事業所|ヘルパーステーション|デイサービスセンター|デイサービス|デイケア|調剤薬局|薬局)\s*(?!(?:より|から|に|へ|の|で|と|が|は|を|も|にて|まで|など|等|利用|担当|職員|スタッフ|管理者|看護師|週|月|毎))[「『]?[\p{Script=Han}々\p{Script=Katakana}ー・\p{Script=Hiragana}]{2,10}?(?:の[丘里家森郷杜苑園館荘樹風花宿庭])?[」』]?(?=[\s(（、。]|$|より|から|の|に|へ|で|と|が|は)/gu;
  for (const match of text.matchAll(serviceFirst)) add(spans, match.index, match.index + match[0].length, "FACILITY");
  // An employer before a job: 日本郵船の船長, JR東日本の運転士 (not 病棟の看護師).
  const beforeJob = /[\p{Script=Han}々\p{Script=Katakana}ー・A-Za-z0-9]{2,12}(?=の(?:船長|船員|運転士|運転手|乗務員|社員|職員|従業員|教員|教諭|店長|店員|部長|課長|係長|工員|整備士|技術者|技師|営業|事務員|記者|パイロット|客室乗務員|警察官|消防士|自衛官|選手|監督|コーチ|研究員))/gu;
  for (const match of text.matchAll(beforeJob)) {
    if (generic.test(match[0]) || relations.has(match[0]) || /^(?:病棟|外来|病院|施設|事業所|学校|会社|職場|近所|地元|近隣|本人|家族|市|県|国|地域|同|元|現|前)$/u.test(match[0])) continue;
    add(spans, match.index, match.index + match[0].length, "ORGANISATION");
  }
  const companyFirst = /(?:株式会社|有限会社|合同会社|\(株\)|\(有\))\s*[\p{Script=Han}々\p{Script=Katakana}ー・A-Za-z0-9]{1,15}/gu;
  for (const match of text.matchAll(companyFirst)) add(spans, match.index, match.index + match[0].length, "ORGANISATION");
  const careHome = new RegExp(String.raw`(?:${careHomeType})\s*[「『]?[\p{Script=Han}々\p{Script=Katakana}ー\p{Script=Hiragana}・]{1,10}?(?:苑|荘|園|ホーム|の里|の家|ハウス|館)[」』]?|[「『]?[\p{Script=Han}々\p{Script=Katakana}ー\p{Script=Hiragana}・]{1,10}(?:苑|荘|の里|の家|ホーム)[」』]?(?=\s*(?:に|へ|で|から|より|を)?\s*(?:入所|入居|通所|在所|利用|ショートステイ))`, "gu");
  for (const match of text.matchAll(careHome)) {
    const start = match.index + (/^(?:に|へ|で|から)/u.exec(match[0])?.[0].length ?? 0);
    add(spans, start, match.index + match[0].length, "ORGANISATION");
  }
}

/** Addresses: a prefecture or city with block numbers, a city or ward where someone lives. */
function findAddresses(text: string, spans: Found): void {
  const prefectures = "北海道|(?:東京)都|(?:京都|大阪)府|[\\p{Script=Han}]{2,3}県";
  const block = String.raw`[0-9一二三四五六七八九十〇]+\s*(?:丁目|-|の)\s*(?:[0-9一二三四五六七八九十〇]+\s*(?:番地?|-|の)\s*)?(?:[0-9一二三四五六七八九十〇]+\s*号?)?|[0-9一二三四五六七八九十〇]+\s*番地(?:\s*[0-9一二三四五六七八九十〇]+\s*号?)?`;
  const building = String.raw`(?:\s*${nameChar}{2,12}\s*\d{1,4}(?:号室)?)?`;
  const patterns = [
    new RegExp(String.raw`(?:${prefectures})${nameChar}{1,15}?(?:${block})${building}`, "gu"),
    new RegExp(String.raw`${han}{1,6}[市区町村郡]${nameChar}{0,10}?(?:${block})${building}`, "gu"),
    new RegExp(String.raw`(?<=(?:住所|現住所|居住地|自宅)\s*[:=は]?\s*)(?![:=は\s])[^\n。;、]{2,40}?(?=\s*(?:TEL|電話|\n|。|;|、|$))`, "gu"),
    new RegExp(String.raw`(?:(?:${prefectures})\s*)?${han}{1,5}[市区町村郡](?:${han}{1,5}[町村区])?(?=\s*(?:在住|出身|に住|に在住|に居住|在中|から来院|より来院|の自宅|で一人暮らし|で独居))`, "gu"),
    // Any place named before a residence cue: 八丈島在住, 小豆島に住む.
    new RegExp(String.raw`[\p{Script=Han}々ヶ\p{Script=Katakana}ー]{2,10}(?=\s*(?:在住|出身|に在住|に住|に居住|に転居|へ転居|から転居|より転居|に引っ越))`, "gu"),
    // Stations and where someone was found: JR大宮駅西口, 発見場所：….
    /(?:JR|[A-Z]{2,4})?(?<![最寄同各当前次終着始発])[\p{Script=Han}々ヶ\p{Script=Katakana}ー]{1,8}駅(?:[東西南北]口|前|構内|付近|周辺|ホーム|ロータリー)*/gu,
    /(?<=(?:発見場所|受傷場所|事故現場|現場|搬送元|出身地|出生地|居所|滞在先|転居先)\s*[:=は]?\s*)(?![:=は\s])[^\n。;、]{2,30}?(?=\s*(?:付近|周辺|\n|。|;|、|$|にて|で))/gu,
  ];
  for (const pattern of patterns) for (const match of text.matchAll(pattern)) add(spans, match.index, match.index + match[0].length, "ADDRESS");
}

/** What the dictionary knows: names after a relation (父 山本一郎), person names, cities, organisations by context. */
function findTaggedEntities(text: string, tokens: JapaneseToken[], spans: Found): void {
  const isPerson = (token: JapaneseToken | undefined) => token?.pos_detail_2 === "人名" && token.pos_detail_1 === "固有名詞";
  const isProperOrUnknown = (token: JapaneseToken | undefined) => token !== undefined && (token.pos_detail_1 === "固有名詞" || (token.word_type === "UNKNOWN" && token.pos === "名詞"));
  const endOf = (token: JapaneseToken) => token.word_position - 1 + token.surface_form.length;
  for (let index = 0; index < tokens.length; index += 1) {
    const token = tokens[index]!;
    const start = token.word_position - 1;
    if (relations.has(token.surface_form)) {
      let next = index + 1;
      while (tokens[next] && (tokens[next]!.pos_detail_1 === "空白" || /^(?:は|の|:|、)$/u.test(tokens[next]!.surface_form))) next += 1;
      let last = next - 1;
      // Name tokens are words (no "(" or "94" that kuromoji leaves unknown) and stop before an eponym's head (バセドウ + 病).
      const isNamePart = (position: number) => {
        const part = tokens[position];
        return isProperOrUnknown(part) && /^[\p{Script=Han}々\p{Script=Katakana}ー\p{Script=Hiragana}A-Za-z]+$/u.test(part!.surface_form) && !/^(?:病|症|症候群|型|性|炎|癌)/u.test(tokens[position + 1]?.surface_form ?? "");
      };
      while (isNamePart(last + 1) || (tokens[last + 1]?.pos_detail_1 === "空白" && isNamePart(last + 2))) last += tokens[last + 1]?.pos_detail_1 === "空白" ? 2 : 1;
      if (last >= next) add(spans, tokens[next]!.word_position - 1, endOf(tokens[last]!), "NAME");
    }
    if (isPerson(token)) {
      let last = index;
      while (isPerson(tokens[last + 1]) || (tokens[last + 1]?.pos_detail_1 === "空白" && isPerson(tokens[last + 2]))) last += tokens[last + 1]?.pos_detail_1 === "空白" ? 2 : 1;
      const end = tokens[last]!.word_position - 1 + tokens[last]!.surface_form.length;
      const surface = text.slice(start, end);
      // A lone one-kanji name token (林, 森, 原) is too often part of a word; two tokens or two characters count,
      // unless a clinical suffix follows (間質 + 性).
      const clinicalSuffix = /^(?:性|炎|症|癌|腫|病|部|剤|薬|管|液|像|影|葉|術)/u.test(tokens[last + 1]?.surface_form ?? "");
      if ((last > index || surface.length >= 2) && !clinicalSuffix) add(spans, start, end, "NAME", true);
      index = last;
      continue;
    }
    if (token.pos_detail_2 === "地域" && token.pos_detail_3 === "一般") {
      const next = tokens[index + 1];
      if (next && next.pos_detail_2 === "地域" && /^[市区町村郡]$/u.test(next.surface_form)) add(spans, start, next.word_position - 1 + next.surface_form.length, "ADDRESS", true);
    }
    // kuromoji tags any unknown Latin letter "組織" (the c of HbA1c): only dictionary organisations count.
    if (token.pos_detail_2 === "組織" && token.word_type === "KNOWN") {
      const end = start + token.surface_form.length;
      const around = text.slice(Math.max(0, start - 8), end + 8);
      if (new RegExp(`(?:${facilitySuffix})$`, "u").test(token.surface_form)) add(spans, start, end, "FACILITY");
      else if (new RegExp(workCue, "u").test(around)) add(spans, start, end, "ORGANISATION");
    }
  }
}

const clinicalEnd = /(?:癌|病|症|炎|腫|瘍|死|術|歴|血|型|性|塞|全|圧|尿|害|健在|死亡|他界|不明|同居|別居|なし|あり|既往|特記|なし|後|中|疑い)$/u;

/** How many characters of leading relation words ("長女 ") a family-history match starts with. */
function leadingRelations(value: string): number {
  let length = 0;
  for (const part of value.split(/([ \u3000])/u)) {
    if (part === " " || part === "\u3000") length += 1;
    else if (relations.has(part)) length += part.length;
    else break;
  }
  return length;
}

/**
 * Family history lines: a relation, maybe a qualifier, then a name before a bracket, comma or space
 * (父 浩二（心筋梗塞）, 叔父 原 茂 膵癌, 祖母（母方）千代 大腸癌). A word the dictionary knows as a
 * common noun (胃癌, 健在, 高血圧) is not a name.
 */
function findFamilyNames(text: string, tokens: JapaneseToken[], spans: Found): void {
  const pattern = new RegExp(String.raw`(?<=(?:^|[\s、。,，・:;/(（)）])(?:母方|父方|実|義理の)?(?:${relationPattern})(?:\s*[(（][^)）\n]{1,6}[)）])?\s*[:=]?\s*)(?:${han}{1,4}(?:[ \u3000]${han}{1,3})*|${kana}{2,8}(?:[ \u3000・]${kana}{2,8})?|${hira}{2,6})(?=\s*(?:[(（、,，。:;]|$|\s|さん|様))`, "gmu");
  const common = (start: number, end: number) => {
    const inside = tokens.filter((token) => token.word_position - 1 >= start && token.word_position - 1 < end && token.pos_detail_1 !== "空白");
    return inside.length > 0 && inside.every((token) => token.word_type === "KNOWN" && token.pos_detail_1 !== "固有名詞" && token.pos_detail_1 !== "数" && token.pos_detail_1 !== "接尾" && token.pos !== "接頭詞");
  };
  // Children and grandchildren listed in brackets after a count: 孫2人（ゆうと・みお）.
  const listed = new RegExp(String.raw`(?<=(?:${relationPattern}|子供|子ども|こども)\s*\d+\s*人\s*[(（])[^)）\n]{1,40}(?=[)）])`, "gu");
  for (const match of text.matchAll(listed)) {
    let offset = 0;
    for (const part of match[0].split(/([・、,，\s]+)/u)) {
      const start = match.index + offset;
      offset += part.length;
      if (/^(?:[\p{Script=Han}々]{1,4}|[\p{Script=Katakana}ー]{2,8}|[\p{Script=Hiragana}]{2,6})$/u.test(part) && !clinicalEnd.test(part) && !notNames.has(part) && !/^\d/.test(part)) add(spans, start, start + part.length, "NAME");
    }
  }
  for (const match of text.matchAll(pattern)) {
    // "キーパーソン：長女 渡辺 真理子": a second relation word leads; the name starts after it.
    const lead = leadingRelations(match[0]);
    const value = match[0].slice(lead);
    const index = match.index + lead;
    const parts = value.split(/[ \u3000]/u);
    let kept = parts.length;
    while (kept > 0) {
      const before = parts.slice(0, kept - 1).join(" ");
      const start = index + before.length + (kept > 1 ? 1 : 0);
      const part = parts[kept - 1]!;
      if (clinicalEnd.test(part) || common(start, start + part.length) || notNames.has(part) || relations.has(part)) kept -= 1;
      else break;
    }
    const name = parts.slice(0, kept).join(" ");
    if (kept === 0 || parts.slice(0, kept).some((part) => clinicalEnd.test(part) || notNames.has(part))) continue;
    if (kept === 1 && common(index, index + name.length)) continue;
    add(spans, index, index + name.length, "NAME");
  }
}

/**
 * Names placed where a letter or a message puts them: after a role with no space (主治医小池より), a
 * sender introducing themselves (古川です), a signature after the clinic (…クリニック, 田辺 修).
 */
function findNamesByPosition(text: string, tokens: JapaneseToken[], spans: Found): void {
  // Many surnames are common nouns to IPADIC (古川, 小池), so here only an action, a time or a number word is refused.
  const notAName = (start: number, end: number) =>
    tokens.some((token) => token.word_position - 1 >= start && token.word_position - 1 < end && /^(?:サ変接続|副詞可能|形容動詞語幹|数|代名詞|ナイ形容詞語幹|接尾)$/u.test(token.pos_detail_1)) ||
    /^(?:意見書|指示書|診断書|外来|病棟|当直|不在|本人|家族)$/u.test(text.slice(start, end));
  const patterns = [
    new RegExp(String.raw`(?<=(?:${roleLabels}))${han}{2,4}(?=より|から|が|に|へ|と(?!し)|は)`, "gu"),
    new RegExp(String.raw`(?<=(?:先生|様|さん|各位)[、,]\s*)${han}{2,4}(?=です[。、])|${han}{2,4}(?=と申します|といいます)`, "gu"),
  ];
  for (const pattern of patterns) for (const match of text.matchAll(pattern)) if (!notAName(match.index, match.index + match[0].length) && isNameWord(match[0])) add(spans, match.index, match.index + match[0].length, "NAME");
  for (const facility of spans.filter((span) => span.category === "FACILITY")) {
    const signature = new RegExp(String.raw`^[ \u3000]+(${han}{1,4}[ \u3000]${han}{1,3})(?=\s*(?:[(（\n]|$|先生|医師|院長))`, "u").exec(text.slice(facility.end));
    if (signature) add(spans, facility.end + signature[0].length - signature[1]!.length, facility.end + signature[0].length, "NAME");
  }
}

/** Spans of Japanese identifiers in the normalised note; `tokens` come from kuromoji on the same text. */
export function findJapaneseEntities(text: string, tokens: JapaneseToken[]): NoteSpan[] {
  const spans: Found = [];
  findCuedNames(text, spans);
  findOrganisations(text, spans);
  findAddresses(text, spans);
  findTaggedEntities(text, tokens, spans);
  findFamilyNames(text, tokens, spans);
  findNamesByPosition(text, tokens, spans);
  return spans;
}
