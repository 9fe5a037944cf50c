// Writes tests/fixtures/deid/note-corpus.json: a seeded corpus of Japanese and English clinical notes
// with planted identifiers of every Safe Harbor kind (and APPI counterparts), in many phrasings, plus
// identifier-free notes full of numbers, doses, lab values and anatomy. Name, place and facility pools
// and a quarter of the phrasings are split between "dev" (used while building the scrubber) and
// "test" (scored only), so the test figure measures generalisation, not memory.
// Run: npx tsx scripts/generate-deid-corpus.ts
import { writeFileSync } from "node:fs";
import path from "node:path";

type Planted = { category: string; value: string; kind: string };
type CorpusNote = { id: string; split: "dev" | "test"; language: "ja" | "en"; text: string; planted: Planted[]; clinical: string[] };
type Split = "dev" | "test";

function mulberry32(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = mulberry32(20261211);
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
const int = (low: number, high: number) => low + Math.floor(random() * (high - low + 1));
const digits = (count: number) => Array.from({ length: count }, () => int(0, 9)).join("");
const half = <T>(items: readonly T[], split: Split) => items.filter((_, index) => (index % 2 === 0) === (split === "dev"));

// Pools (fictional combinations of common names and places).
const jaSurnames = [["佐藤", "サトウ", "さとう"], ["鈴木", "スズキ", "すずき"], ["高橋", "タカハシ", "たかはし"], ["田中", "タナカ", "たなか"], ["渡辺", "ワタナベ", "わたなべ"], ["伊藤", "イトウ", "いとう"], ["山本", "ヤマモト", "やまもと"], ["中村", "ナカムラ", "なかむら"], ["小林", "コバヤシ", "こばやし"], ["加藤", "カトウ", "かとう"], ["吉田", "ヨシダ", "よしだ"], ["山田", "ヤマダ", "やまだ"], ["佐々木", "ササキ", "ささき"], ["山口", "ヤマグチ", "やまぐち"], ["松本", "マツモト", "まつもと"], ["井上", "イノウエ", "いのうえ"], ["木村", "キムラ", "きむら"], ["清水", "シミズ", "しみず"], ["斎藤", "サイトウ", "さいとう"], ["森田", "モリタ", "もりた"], ["石川", "イシカワ", "いしかわ"], ["前田", "マエダ", "まえだ"], ["藤田", "フジタ", "ふじた"], ["岡田", "オカダ", "おかだ"]] as const;
const jaGiven = [["太郎", "タロウ", "たろう"], ["花子", "ハナコ", "はなこ"], ["一郎", "イチロウ", "いちろう"], ["美和", "ミワ", "みわ"], ["健太", "ケンタ", "けんた"], ["由美", "ユミ", "ゆみ"], ["翔太", "ショウタ", "しょうた"], ["恵子", "ケイコ", "けいこ"], ["大輔", "ダイスケ", "だいすけ"], ["陽子", "ヨウコ", "ようこ"], ["誠", "マコト", "まこと"], ["幸子", "サチコ", "さちこ"], ["直樹", "ナオキ", "なおき"], ["真理子", "マリコ", "まりこ"], ["浩二", "コウジ", "こうじ"], ["明美", "アケミ", "あけみ"]] as const;
const enFirst = ["John", "Mary", "Robert", "Linda", "Michael", "Susan", "David", "Karen", "James", "Emily", "William", "Sarah", "Thomas", "Olivia", "Daniel", "Grace", "George", "Hannah", "Peter", "Chloe", "Samuel", "Alice", "Oliver", "Rebecca"];
const enLast = ["Smith", "Johnson", "Williams", "Brown", "Miller", "Davis", "Wilson", "Anderson", "Taylor", "Moore", "Clarke", "Harris", "Walker", "Wright", "Okafor", "Nguyen", "Kowalski", "Fitzgerald", "Patel", "Murphy", "Robinson", "Thompson", "Evans", "Hughes"];
const romaji = [["Taro", "Yamada"], ["Hanako", "Suzuki"], ["Kenji", "Takahashi"], ["Yuki", "Tanaka"], ["Akiko", "Watanabe"], ["Hiroshi", "Nakamura"], ["Naoko", "Kobayashi"], ["Satoshi", "Kato"], ["Emi", "Yoshida"], ["Kazuo", "Ishikawa"], ["Mika", "Fujita"], ["Jun", "Okada"]] as const;
const jaFacilityStems = ["音羽", "白山", "目白", "高輪", "神楽坂", "湘南", "北斗", "若葉", "桜ヶ丘", "みなと", "青葉台", "東雲", "緑町", "本郷", "朝日", "光が丘"];
const jaFacilitySuffix = ["病院", "総合病院", "クリニック", "内科クリニック", "医療センター", "記念病院", "医院", "整形外科クリニック"];
const enFacilityStems = ["Riverside", "St. Luke's", "Mercy", "Kensington", "Lakeside", "Brookfield", "Oakwood", "St. Mary's", "Harborview", "Greenfield", "Westbrook", "Fairview", "Ashford", "Maple Grove", "Northgate", "Sunnyvale"];
const enFacilitySuffix = ["Hospital", "General Hospital", "Clinic", "Medical Center", "Medical Centre", "Memorial Hospital", "Health Center", "Family Practice"];
const jaCities = [["東京都", "文京区", "白山"], ["東京都", "新宿区", "西新宿"], ["神奈川県", "横浜市", "港北区日吉"], ["大阪府", "大阪市", "北区梅田"], ["愛知県", "名古屋市", "中区栄"], ["福岡県", "福岡市", "中央区天神"], ["北海道", "札幌市", "中央区大通"], ["京都府", "京都市", "左京区岡崎"], ["埼玉県", "さいたま市", "浦和区高砂"], ["千葉県", "船橋市", "本町"], ["兵庫県", "神戸市", "中央区三宮町"], ["宮城県", "仙台市", "青葉区一番町"]] as const;
const enStreets = ["Oak Street", "Maple Avenue", "Baker Street", "Elm Road", "Church Lane", "Victoria Road", "Pine Drive", "Highland Avenue", "Station Road", "Mill Lane", "Cedar Court", "Park Road"];
const enCities = [["Springfield", "IL", "62704"], ["Boston", "MA", "02115"], ["Portland", "OR", "97205"], ["Austin", "TX", "78701"], ["London", "", "NW1 6XE"], ["Manchester", "", "M1 1AE"], ["Leeds", "", "LS1 4AP"], ["Denver", "CO", "80203"], ["Bristol", "", "BS1 5TR"], ["Madison", "WI", "53703"]] as const;
const employers = { ja: ["株式会社青葉製作所", "みどり運輸株式会社", "東西商事", "北斗建設", "さくら銀行", "横浜市役所", "光電機株式会社", "朝日食品"], en: ["Acme Logistics Inc.", "Northwind Foods Ltd", "Harbor Steel Corporation", "Bluebird Airlines", "Summit Holdings", "Greenway Motors", "Pioneer Bank", "Westfield Council"] };
const schools = { ja: ["桜ヶ丘小学校", "青葉中学校", "白山高校", "湘南高等学校", "みなと幼稚園", "若葉保育園", "東都大学", "北斗看護学校"], en: ["Lincoln High School", "Riverside Elementary School", "Oakwood Primary School", "Kingsley Academy", "Westbrook College", "Maple Middle School", "Northgate University", "Sunnyvale Kindergarten"] };
const careHomes = { ja: ["特別養護老人ホームさくら苑", "グループホームひまわり荘", "介護老人保健施設あおば園", "有料老人ホームみどりの里", "ケアハウス若葉館", "デイサービス朝日ホーム"], en: ["Rosewood Care Home", "Willow Lodge Nursing Home", "Meadowbrook Assisted Living", "Elmwood Manor", "Silver Birch Retirement Home", "Hillcrest Rest Home"] };

// Clinical content: the words a scrubber must keep.
const jaClinical = [
  ["発熱", "咳嗽", "CRP 12.3 mg/dL", "WBC 15200/µL"], ["胸部X線", "右下葉浸潤影", "SpO2 92%"], ["労作時呼吸困難", "HbA1c 7.8%", "メトホルミン 500mg 1日2回"], ["血圧 148/92 mmHg", "脈拍 88/分", "体温 37.8℃"],
  ["腹部CT", "肝S6に18mmの低吸収域", "AFP 12 ng/mL"], ["頭部MRI", "左中大脳動脈領域", "拡散強調像で高信号"], ["eGFR 45 mL/min/1.73m2", "Cr 1.32 mg/dL", "BUN 28 mg/dL"], ["アムロジピン 5mg 1日1回", "アスピリン 100mg"],
  ["橋本病", "レボチロキシン 50µg"], ["パーキンソン病", "L-ドパ 300mg/日"], ["胸水", "心拡大", "BNP 420 pg/mL"], ["右肺上葉", "すりガラス様陰影", "KL-6 820 U/mL"], ["Hb 9.8 g/dL", "Plt 15.2万/µL", "MCV 78 fL"],
  ["NYHA II度", "EF 40%", "僧帽弁逆流"], ["GCS 14", "JCS I-2", "瞳孔不同なし"], ["PSA 8.2 ng/mL", "前立腺生検", "グリソンスコア 7"],
];
const enClinical = [
  ["fever", "productive cough", "CRP 12.3 mg/dL", "WBC 15.2 x10^9/L"], ["chest X-ray", "right lower lobe consolidation", "SpO2 92% on room air"], ["exertional dyspnea", "HbA1c 7.8%", "metformin 500 mg twice daily"],
  ["BP 148/92 mmHg", "HR 88 bpm", "temperature 37.8 C"], ["CT abdomen", "18 mm hypodense lesion in segment 6", "AFP 12 ng/mL"], ["MRI brain", "left MCA territory", "restricted diffusion"], ["eGFR 45 mL/min/1.73m2", "creatinine 1.32 mg/dL"],
  ["amlodipine 5 mg once daily", "aspirin 81 mg"], ["Hashimoto's thyroiditis", "levothyroxine 50 mcg"], ["Parkinson's disease", "carbidopa-levodopa 25/100 mg"], ["Crohn's disease", "ileocolonoscopy", "calprotectin 450 ug/g"],
  ["Glasgow Coma Scale 14", "pupils equal and reactive"], ["pleural effusion", "cardiomegaly", "BNP 420 pg/mL"], ["Hb 9.8 g/dL", "platelets 152 x10^9/L", "MCV 78 fL"], ["NYHA class II", "ejection fraction 40%", "mitral regurgitation"],
  ["PSA 8.2 ng/mL", "Gleason score 7", "prostate biopsy"], ["troponin 0.04 ng/mL", "ST depression in V4-V6"], ["Alzheimer's disease", "MMSE 21/30", "donepezil 5 mg"],
];

// Check-digit-valid numbers, built the way each is defined.
function luhnDigit(body: string): number {
  let sum = 0;
  for (let index = 0; index < body.length; index += 1) {
    let digit = Number(body[body.length - 1 - index]);
    if (index % 2 === 0) digit = digit * 2 > 9 ? digit * 2 - 9 : digit * 2;
    sum += digit;
  }
  return (10 - (sum % 10)) % 10;
}
function myNumber(): string {
  const body = `${int(1, 9)}${digits(10)}`;
  let sum = 0;
  for (let n = 1; n <= 11; n += 1) sum += Number(body[11 - n]) * (n <= 6 ? n + 1 : n - 5);
  const remainder = sum % 11;
  const full = body + (remainder <= 1 ? 0 : 11 - remainder);
  return pick([`${full.slice(0, 4)} ${full.slice(4, 8)} ${full.slice(8)}`, `${full.slice(0, 4)}-${full.slice(4, 8)}-${full.slice(8)}`, full]);
}
function nhsNumber(): string {
  for (;;) {
    const body = `${int(4, 9)}${digits(8)}`;
    let sum = 0;
    for (let index = 0; index < 9; index += 1) sum += Number(body[index]) * (10 - index);
    const check = 11 - (sum % 11);
    if (check === 10) continue;
    const full = body + (check === 11 ? 0 : check);
    return `${full.slice(0, 3)} ${full.slice(3, 6)} ${full.slice(6)}`;
  }
}
const ssn = () => `${String(int(1, 665)).padStart(3, "0")}-${String(int(1, 99)).padStart(2, "0")}-${String(int(1, 9999)).padStart(4, "0")}`;
function dea(): string {
  const d = digits(6).split("").map(Number);
  return `${pick(["A", "B", "F", "M"])}${pick(["K", "S", "T", "W"])}${d.join("")}${(d[0]! + d[2]! + d[4]! + 2 * (d[1]! + d[3]! + d[5]!)) % 10}`;
}
function npi(): string {
  const body = `1${digits(8)}`;
  return body + luhnDigit(`80840${body}`);
}
function card(): string {
  const body = `4${digits(14)}`;
  const full = body + luhnDigit(body);
  return full.replace(/(\d{4})(?=\d)/g, "$1 ");
}
const kanjiDigits = (text: string) => text.replace(/\d/g, (digit) => "〇一二三四五六七八九"[Number(digit)]!);
const fullWidth = (text: string) => text.replace(/[0-9A-Za-z\-]/g, (character) => String.fromCharCode(character.charCodeAt(0) + 0xfee0));
const eras: Array<[string, number]> = [["昭和", 1926], ["平成", 1989], ["令和", 2019]];

type Built = { text: string; planted: Planted[] };
type Template = (split: Split) => Built;
const one = (text: string, category: string, value: string, kind: string): Built => ({ text, planted: [{ category, value, kind }] });

function date(split: Split, language: "ja" | "en"): Built {
  const year = int(2015, 2025);
  const month = int(1, 12);
  const day = int(1, 28);
  const pad2 = (value: number) => String(value).padStart(2, "0");
  const months = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
  if (language === "ja") {
    const [era, base] = eras.filter(([, start]) => start <= year).pop()!;
    const eraYear = year - base + 1;
    const forms = [`${year}年${month}月${day}日`, `${year}/${month}/${day}`, `${year}-${pad2(month)}-${pad2(day)}`, `${era}${eraYear === 1 ? "元" : eraYear}年${month}月${day}日`, `${era}${eraYear === 1 ? "元" : eraYear}年`, `${year}年${month}月`, `${month}月${day}日`, `令和元年${month}月`, `${year}年`, ...(split === "test" ? [`${era[0] === "平" ? "H" : era[0] === "令" ? "R" : "S"}${eraYear}.${month}.${day}`, `${kanjiDigits(String(year))}年${month}月${day}日`] : [])];
    const value = pick(forms);
    return one(pick([`${value}に入院。`, `${value}より症状出現。`, `${value} CT施行。`, `前回受診は${value}。`, `${value}に手術を受けた。`]), "DATE", value, "date");
  }
  const forms = [`${pad2(day)}/${pad2(month)}/${year}`, `${month}/${day}/${year}`, `${year}-${pad2(month)}-${pad2(day)}`, `${months[month - 1]} ${day}, ${year}`, `${day} ${months[month - 1]} ${year}`, `${months[month - 1]!.slice(0, 3)} ${year}`, ...(split === "test" ? [`${day}th of ${months[month - 1]} ${year}`, `${months[month - 1]} ${year}`] : [])];
  const value = pick(forms);
  const phrasing = pick([`Admitted on ${value}.`, `Symptoms began ${value}.`, `CT performed ${value}.`, `Last seen ${value}.`, `Surgery in ${value}.`, ...(split === "test" ? [`Follow-up visit dated ${value}.`] : [])]);
  return one(phrasing, "DATE", value, "date");
}

function templates(language: "ja" | "en"): Array<[string, Template]> {
  if (language === "ja") {
    const person = (split: Split) => {
      const [surname, surnameKana, surnameHira] = pick(half(jaSurnames, split));
      const [given, givenKana, givenHira] = pick(half(jaGiven, split));
      return { surname, given, surnameKana, givenKana, surnameHira, givenHira };
    };
    return [
      ["name-honorific", (split) => { const p = person(split); const name = pick([`${p.surname}${p.given}`, `${p.surname} ${p.given}`]); return one(pick([`${name}様、`, `患者 ${name} さん。`, `${name}氏に説明した。`]), "NAME", name, "name-honorific"); }],
      ["name-family", (split) => { const p = person(split); const relation = pick(["父", "母", "夫", "妻", "長男", "娘"]); const name = `${p.surname}${p.given}`; return one(pick([`${relation} ${name}は高血圧で通院中。`, `${relation}の${name}が付き添い。`, `キーパーソンは${relation} ${name}。`]), "NAME", name, "name-family"); }],
      ["name-kana", (split) => { const p = person(split); const name = pick([`${p.surnameKana} ${p.givenKana}`, `${p.surnameHira}${p.givenHira}`, `${p.surnameHira} ${p.givenHira}`]); return one(pick([`${name}さま来院。`, `${name}様より電話あり。`, `${name}さんに服薬指導。`]), "NAME", name, "name-kana"); }],
      ["name-plain", (split) => { const p = person(split); return one(pick([`${p.surname}は理解良好。`, `${p.surname}${p.given}は独居。`, ...(split === "test" ? [`今回${p.surname}${p.given}の検査結果を説明。`] : [])]), "NAME", p.surname, "name-plain"); }],
      ["name-label", (split) => { const p = person(split); const name = `${p.surname} ${p.given}`; return one(pick([`氏名：${name}`, `患者名: ${name}`]), "NAME", name, "name-label"); }],
      ["name-hidden", (split) => { const p = person(split); const name = `${p.surname}${p.given}`; const hidden = pick([`${p.surname[0]}\u200b${p.surname.slice(1)}${p.given}`, `${p.surname}\u00ad${p.given}`, `${p.surname}\n${p.given}`, `\u202e${p.surname}${p.given}\u202c`]); return { text: `${hidden}様。`, planted: [{ category: "NAME", value: name, kind: "hidden" }] }; }],
      ["facility", (split) => { const value = `${pick(half(jaFacilityStems, split))}${pick(jaFacilitySuffix)}`; return one(pick([`${value}より紹介。`, `${value}に転院予定。`, `前医は${value}。`]), "FACILITY", value, "facility"); }],
      ["address", (split) => { const [pref, city, town] = pick(half(jaCities, split)); const block = `${int(1, 5)}丁目${int(1, 20)}番${int(1, 30)}号`; const value = pick([`${pref}${city}${town}${block}`, `${city}${town}${int(1, 5)}-${int(1, 20)}-${int(1, 30)}`]); return one(pick([`住所 ${value}。`, `${value}在住。`, `自宅は${value}。`]), "ADDRESS", value, "address"); }],
      ["postal", () => { const value = `〒${digits(3)}-${digits(4)}`; return one(`${value} 東京都内在住。`, "POSTAL_CODE", value, "postal"); }],
      ["phone", () => { const value = pick([`090-${digits(4)}-${digits(4)}`, `03-${digits(4)}-${digits(4)}`, `080${digits(8)}`]); const shown = pick([value, fullWidth(value), kanjiDigits(value)]); return { text: pick([`連絡先 ${shown}`, `電話：${shown}。`, `携帯 ${shown} に折り返し。`]), planted: [{ category: "PHONE", value, kind: shown === value ? "phone" : "hidden" }] }; }],
      ["my-number", () => { const value = myNumber(); return one(pick([`マイナンバー ${value}`, `個人番号：${value}`]), "MY_NUMBER", value, "my-number"); }],
      ["insurance", () => { const value = `${digits(8)}`; return one(pick([`保険者番号 ${value}`, `被保険者証番号: ${value}`]), "INSURANCE_NO", value, "insurance"); }],
      ["record-id", () => { const value = pick([`${digits(8)}`, `K${digits(7)}`, `ACC${digits(7)}`]); return one(pick([`患者ID: ${value}`, `カルテ番号 ${value}`, `検体番号 ${value}`, `オーダー番号：${value}`]), "ID", value, "record-id"); }],
      ["dob", () => { const era = pick(["昭和", "平成"]); const eraYear = era === "昭和" ? int(5, 63) : int(1, 30); const value = `${era}${eraYear === 1 ? "元" : eraYear}年${int(1, 12)}月${int(1, 28)}日`; return one(pick([`生年月日：${value}`, `${value}生まれ`]), "DATE_OF_BIRTH", value, "dob"); }],
      ["date", (split) => date(split, "ja")],
      ["age", () => { const age = int(90, 104); const value = pick([`${age}歳`, `${age}才`]); return one(pick([`${value}女性。`, `${value}の男性。`]), "AGE_OVER_89", value, "age"); }],
      ["email-url", () => { const value = pick([`taro${digits(3)}@example.ne.jp`, `https://www.example.jp/u/${digits(5)}`, `192.168.${int(0, 255)}.${int(1, 254)}`]); const category = value.includes("@") ? "EMAIL" : value.startsWith("http") ? "URL" : "IP_ADDRESS"; return one(`${category === "IP_ADDRESS" ? "端末IP" : "連絡"} ${value}`, category, value, category.toLowerCase()); }],
      ["vehicle", () => { const value = `${pick(["品川", "練馬", "横浜", "なにわ"])}${int(300, 599)}${pick(["さ", "あ", "ね", "り"])}${int(10, 99)}-${int(10, 99)}`; return one(`車両ナンバー ${value}の自家用車で来院。`, "VEHICLE_ID", value, "vehicle"); }],
      ["device", () => { const value = `${pick(["PJN", "MDT", "SN"])}${digits(6)}${pick(["R", "H", ""])}`; return one(pick([`ペースメーカー製造番号 ${value}`, `シリアル番号：${value}`]), "DEVICE_ID", value, "device"); }],
      ["licence", () => { const value = pick([`${digits(6)}`, `TK${digits(7)}`, `${digits(12)}`]); return one(pick([`医籍登録番号 ${value}`, `旅券番号 ${value}`, `運転免許証 ${value}`]), "LICENCE_NO", value, "licence"); }],
      ["employer", (split) => { const value = pick(half(employers.ja, split)); return one(`${value}に勤務。`, "ORGANISATION", value, "employer"); }],
      ["school", (split) => { const value = pick(half(schools.ja, split)); return one(`${value}に通学中。`, "ORGANISATION", value, "school"); }],
      ["care-home", (split) => { const value = pick(half(careHomes.ja, split)); return one(`${value}に入所中。`, "ORGANISATION", value, "care-home"); }],
      ["event", () => { const value = pick(["2019年の豪雨災害の唯一の生存者", "元オリンピック金メダリスト", "現職の市長", "有名な俳優"]); return one(`本人は${value}であり、`, "UNIQUE_EVENT", value, "event"); }],
    ];
  }
  const person = (split: Split) => ({ first: pick(half(enFirst, split)), last: pick(half(enLast, split)) });
  return [
    ["name-cue", (split) => { const p = person(split); const name = `${p.first} ${p.last}`; const text = pick([`Patient ${name}, `, `Pt ${name} was seen. `, `Mr. ${name} reports `, `Ms ${p.last} reports `, ...(split === "test" ? [`Seen with ${name}. `] : [])]); return { text, planted: [p.last, ...(text.includes(p.first) ? [p.first] : [])].map((value) => ({ category: "NAME", value, kind: "name-cue" })) }; }],
    ["name-family", (split) => { const p = person(split); const name = `${p.first} ${p.last}`; return one(pick([`Her daughter, ${name}, called. `, `Wife ${name} present. `, `Lives with his son ${name}. `]), "NAME", p.first, "name-family"); }],
    ["name-prose", (split) => { const p = person(split); const name = `${p.first} ${p.last}`; return one(pick([`${name} presented with `, `${name} is a retired teacher. `, `Spoke to ${name} about the plan. `, ...(split === "test" ? [`Discussed results; ${name} agreed. `] : [])]), "NAME", p.last, "name-prose"); }],
    ["name-romaji", (split) => { const [first, last] = pick(half(romaji, split)); return one(pick([`${first} ${last} attended today. `, `Mrs ${last} returns for review. `]), "NAME", last, "name-romaji"); }],
    ["name-hidden", (split) => { const p = person(split); const hidden = pick([`${p.last.slice(0, 2)}\u200b${p.last.slice(2)}`, `${p.last.slice(0, 3)}\u00ad${p.last.slice(3)}`, `\u202e${p.last}\u202c`]); return { text: `Mr. ${p.first} ${hidden} seen. `, planted: [{ category: "NAME", value: p.last, kind: "hidden" }] }; }],
    ["facility", (split) => { const value = `${pick(half(enFacilityStems, split))} ${pick(enFacilitySuffix)}`; return one(pick([`Referred from ${value}. `, `Transferred to ${value} for PCI. `, `Previously treated at ${value}. `]), "FACILITY", value, "facility"); }],
    ["address", (split) => { const [city, state, zip] = pick(half(enCities, split)); const street = `${int(2, 980)} ${pick(enStreets)}`; const value = state ? `${street}, ${city}, ${state} ${zip}` : `${street}, ${city} ${zip}`; return { text: pick([`Lives at ${value}. `, `Address: ${value}. `]), planted: [{ category: "ADDRESS", value: street, kind: "address" }, { category: "POSTAL_CODE", value: zip, kind: "postal" }, { category: "ADDRESS", value: city, kind: "city" }] }; }],
    ["phone", () => { const value = pick([`(617) 555-${digits(4)}`, `617-555-${digits(4)}`, `+44 20 7946 ${digits(4)}`, `07700 900${digits(3)}`]); return one(pick([`Call back on ${value}. `, `Phone: ${value}. `, `Mobile ${value}. `]), "PHONE", value, "phone"); }],
    ["ssn", () => { const value = ssn(); return one(pick([`SSN ${value}. `, `Social security number ${value}. `, `${value} on file. `]), "NATIONAL_ID", value, "national-id"); }],
    ["nhs", () => { const value = nhsNumber(); return one(pick([`NHS number ${value}. `, `NHS no: ${value}. `]), "NATIONAL_ID", value, "national-id"); }],
    ["record-id", () => { const value = pick([`${digits(8)}`, `MRN-${digits(8)}`, `ACC${digits(7)}`, `E${digits(6)}`]); return one(pick([`MRN ${value}. `, `Accession ${value}. `, `Specimen ID: ${value}. `, `Encounter ${value}. `]), "ID", value, "record-id"); }],
    ["insurance", () => { const value = `${pick(["XEH", "YUB", "W"])}${digits(9)}`; return one(pick([`Member ID ${value}. `, `Medicaid ${value}. `, `Policy number ${value}. `]), "INSURANCE_NO", value, "insurance"); }],
    ["account", () => { const value = card(); return one(pick([`Card ${value} for copay. `, `Paid with ${value}. `]), "ACCOUNT_NO", value, "account"); }],
    ["dob", () => { const year = int(1930, 1990); const value = pick([`${int(1, 28)}/${String(int(1, 12)).padStart(2, "0")}/${year}`, `March ${int(1, 28)}, ${year}`, `${year}-0${int(1, 9)}-1${int(0, 9)}`]); return one(pick([`DOB ${value}. `, `Date of birth: ${value}. `, `Born ${value}. `]), "DATE_OF_BIRTH", value, "dob"); }],
    ["date", (split) => date(split, "en")],
    ["age", () => { const age = int(90, 104); const value = pick([`${age}-year-old`, `${age} year old`, `${age} yo`, `aged ${age}`]); return one(`A ${value} woman. `, "AGE_OVER_89", String(age), "age"); }],
    ["web", () => { const value = pick([`https://myhealth.example.org/p/${digits(6)}`, `www.smith-family${digits(2)}.com`, `10.${int(0, 255)}.${int(0, 255)}.${int(1, 254)}`, `jsmith${digits(2)}@example.com`]); const category = value.includes("@") ? "EMAIL" : /^\d/.test(value) ? "IP_ADDRESS" : "URL"; return one(`Contact via ${value}. `, category, value, category.toLowerCase()); }],
    ["vehicle", () => { const value = pick([`${pick(["ABC", "KTR", "LMN"])}-${digits(4)}`, `${pick(["AB", "KX", "LR"])}${digits(2)} ${pick(["CDE", "XYZ", "PQR"])}`]); return one(pick([`Licence plate ${value}. `, `Vehicle registration ${value}. `]), "VEHICLE_ID", value, "vehicle"); }],
    ["device", () => { const value = `${pick(["PJN", "MDT", "SN"])}${digits(6)}${pick(["R", "H", ""])}`; return one(pick([`Pacemaker serial ${value}. `, `Device S/N ${value}. `]), "DEVICE_ID", value, "device"); }],
    ["licence", () => { const choice = int(0, 3); const value = [dea(), npi(), `${pick(["X", "P"])}${digits(8)}`, `D${digits(7)}`][choice]!; const label = ["DEA", "NPI", "Passport", "Driver's licence"][choice]; return one(`${label} ${value}. `, "LICENCE_NO", value, "licence"); }],
    ["employer", (split) => { const value = pick(half(employers.en, split)); return one(pick([`Works at ${value}. `, `Employed by ${value} as a driver. `]), "ORGANISATION", value.replace(/\.$/, ""), "employer"); }],
    ["school", (split) => { const value = pick(half(schools.en, split)); return one(pick([`Attends ${value}. `, `Student at ${value}. `]), "ORGANISATION", value, "school"); }],
    ["care-home", (split) => { const value = pick(half(careHomes.en, split)); return one(pick([`Resident of ${value}. `, `Lives at ${value}. `]), "ORGANISATION", value, "care-home"); }],
    ["event", () => { const value = pick(["the only survivor of the Route 9 bus crash", "a former Olympic gold medallist", "the current mayor of Riverton", "a famous jazz singer"]); return one(`He is ${value}. `, "UNIQUE_EVENT", value, "event"); }],
  ];
}

function clinicalSentence(language: "ja" | "en"): { text: string; terms: string[] } {
  const terms = pick(language === "ja" ? jaClinical : enClinical);
  return { text: language === "ja" ? `${terms.join("、")}。` : `${terms.join(", ")}. `, terms: [...terms] };
}

function buildNote(index: number, split: Split, language: "ja" | "en", withIdentifiers: boolean): CorpusNote {
  const parts: string[] = [];
  const planted: Planted[] = [];
  const clinical: string[] = [];
  const pool = templates(language).filter((_, position) => split === "test" || position % 4 !== 3 || index % 2 === 0);
  const sentences = withIdentifiers ? int(3, 6) : 0;
  for (let count = 0; count < Math.max(2, sentences + 2); count += 1) {
    if (count < sentences) {
      const [, template] = pick(pool);
      const built = template(split);
      parts.push(built.text);
      planted.push(...built.planted);
    }
    const sentence = clinicalSentence(language);
    parts.push(sentence.text);
    clinical.push(...sentence.terms);
  }
  // Shuffle sentence order a little so identifiers are not always first.
  for (let position = parts.length - 1; position > 0; position -= 1) {
    const other = int(0, position);
    [parts[position], parts[other]] = [parts[other]!, parts[position]!];
  }
  return { id: `${split}-${language}-${String(index).padStart(3, "0")}`, split, language, text: parts.join(language === "ja" ? "" : "").trim(), planted, clinical };
}

const corpus: CorpusNote[] = [];
for (const split of ["dev", "test"] as const) {
  for (let index = 0; index < 200; index += 1) {
    const language = index % 2 === 0 ? "ja" : "en";
    corpus.push(buildNote(index, split, language, index % 10 !== 9));
  }
}
writeFileSync(path.resolve("tests/fixtures/deid/note-corpus.json"), `${JSON.stringify(corpus, null, 1)}\n`);
console.log(`wrote ${corpus.length} notes (${corpus.filter((note) => note.planted.length === 0).length} without identifiers), ${corpus.reduce((sum, note) => sum + note.planted.length, 0)} planted identifiers`);
