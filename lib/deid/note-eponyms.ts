// Medical eponyms are clinical words, not people: 橋本病, Parkinson's disease, Crohn's, Glasgow Coma
// Scale stay even when a patient shares the name. A name-shaped word followed by what eponyms name
// (disease, syndrome, sign, scale, 病, 症候群…) is protected, plus eponyms often written alone. Only
// weak findings (a tagger's guess, a repeated name) yield to a protected range; a name after a cue
// ("Mr Crohn") never does.

export type ProtectedRange = { start: number; end: number };

// Heads written after a possessive ("Crohn's disease") and heads written without one ("Romberg test"):
// "Mr Smith's test results" must not protect Smith.
const possessiveHeads = [
  "disease", "diseases", "syndrome", "sign", "palsy", "phenomenon", "reflex", "triad", "lymphoma", "sarcoma", "tumor", "tumour", "thyroiditis",
  "encephalopathy", "anomaly", "cyst", "hernia", "ulcer", "fracture", "aneurysm", "arteritis", "contracture", "dystrophy", "ataxia", "chorea",
  "dementia", "neuralgia", "disorder", "esophagus", "oesophagus",
].join("|");
const plainHeads = ["grade", "stage", "index", "test", "maneuver", "manoeuvre", "score", "scale", "classification", "criteria", "node", "nodes", "procedure", "operation", "murmur", "stain", "staging", "Coma Scale"].join("|");
const englishEponyms = [
  "Parkinson(?:'s|’s|ism|ian)?", "Crohn(?:'s|’s)?", "Alzheimer(?:'s|’s)?", "Hodgkin(?:'s|’s)?", "Cushing(?:'s|’s|oid)?", "Addison(?:'s|’s|ian)?",
  "Graves(?:'|’)?", "Hashimoto(?:'s|’s)?", "Down(?:'s|’s)? syndrome", "Foley", "Swan-Ganz", "Doppler", "Gram(?:-positive|-negative)?", "Gleason",
  "Child-Pugh", "Killip", "Wells", "Braden", "Barthel", "Karnofsky", "Mallampati", "Breslow", "Babinski", "Romberg", "Kernig", "Brudzinski",
  "Murphy(?:'s|’s)? sign", "McBurney", "Wernicke", "Korsakoff", "Guillain-Barr[ée]", "Stevens-Johnson", "Tourette(?:'s|’s)?", "Asperger(?:'s|’s)?",
  "Huntington(?:'s|’s)?", "Raynaud(?:'s|’s)?", "Sj[öo]gren(?:'s|’s)?", "Beh[çc]et(?:'s|’s)?", "Kawasaki", "Takayasu", "Bell(?:'s|’s)? palsy",
  "Marfan", "Ehlers-Danlos", "Brugada", "Wolff-Parkinson-White", "Holter", "Valsalva", "Trendelenburg", "Whipple", "Nissen", "Billroth",
  "Roux-en-Y", "Hartmann(?:'s|’s)?", "Epley", "Dix-Hallpike", "Lachman", "McMurray", "Phalen", "Tinel", "Glasgow(?: Coma Scale)?", "Apgar",
  "Bristol", "Ranson", "Rockall", "Blatchford", "Fontaine", "Forrest", "Killian", "Papanicolaou", "Pap", "Tanner", "Hoehn(?: and | & )Yahr",
  "Wilson(?:'s|’s)? disease", "Hirschsprung(?:'s|’s)?", "Meckel(?:'s|’s)?", "Kaposi(?:'s|’s)?", "Ewing(?:'s|’s)?", "Wilms(?:'|’)?", "Paget(?:'s|’s)?",
  "Dupuytren(?:'s|’s)?", "Osgood-Schlatter", "Perthes", "Legg-Calv[ée]-Perthes", "Barrett(?:'s|’s)?", "Mallory-Weiss", "Zollinger-Ellison",
  "Budd-Chiari", "Dressler(?:'s|’s)?", "Takotsubo", "Kussmaul", "Cheyne-Stokes", "Korotkoff", "Virchow(?:'s|’s)?", "Homans(?:'|’)?",
].join("|");

const japaneseHeads = "病(?!院|棟|室|床|理|歴|名|態|状|気)|症候群|甲状腺炎|分類|スケール|スコア|反射|徴候|サイン|リンパ腫|肉腫|麻痺|脳症|動脈炎|潰瘍|骨折|結節|ヘルニア";
const katakanaOnlyHeads = "試験|テスト|手術|法|カテーテル";

const patterns = [
  // An eponym written alone with its finding ("Romberg negative", "Glasgow 14"): longer than a shared surname.
  new RegExp(String.raw`\b(?:${englishEponyms})\s+(?:negative|positive|normal|abnormal|present|absent|equivocal|\d+(?:/\d+)?)\b`, "gu"),
  new RegExp(String.raw`\b[A-Z][a-z]+(?:[-–][A-Z][a-z]+)*(?:'s|’s|s'|’)?\s+(?:${possessiveHeads})\b`, "gu"),
  new RegExp(String.raw`\b[A-Z][a-z]+(?:[-–][A-Z][a-z]+)*\s+(?:${plainHeads})\b`, "gu"),
  new RegExp(String.raw`\b(?:${englishEponyms})(?![A-Za-z])`, "gu"),
  new RegExp(String.raw`[\p{Script=Katakana}ー・]{2,}(?:氏)?(?:${japaneseHeads}|${katakanaOnlyHeads})|[\p{Script=Han}]{2,3}(?:氏)?(?:${japaneseHeads})`, "gu"),
];

/** Ranges of the normalised note that name-like detectors must leave alone. */
export function findProtectedEponyms(text: string): ProtectedRange[] {
  const ranges: ProtectedRange[] = [];
  for (const pattern of patterns) for (const match of text.matchAll(pattern)) ranges.push({ start: match.index, end: match.index + match[0].length });
  return ranges;
}
