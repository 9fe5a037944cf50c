import nlp from "compromise";
import type { NoteIdentifierCategory, NoteSpan } from "./note-identifier-categories";

// English names, places, facilities and organisations. compromise (offline, its own lexicon of
// first names and places) tags people, places and organisations in prose; cues catch what it misses:
// a title or role before a name ("Patient", "Mr.", "wife"), a facility or school head ("Hospital",
// "High School"), a workplace verb ("works at"), a street with a house number, a postcode.

const word = String.raw`[A-Z][a-zA-Z'’\-]+`;
// Later words of a name need a lower-case letter, so "John Smith  DOB" stops before DOB; no line breaks.
const laterWord = String.raw`[A-Z][a-z][a-zA-Z'’\-]*`;
const name = String.raw`${word}(?:[ \t]+(?:[A-Z]\.[ \t]*)?${laterWord}){0,2}`;
// Capitalised words that follow a cue but are not names.
const notNames = new Set([
  "The", "This", "That", "He", "She", "His", "Her", "They", "Their", "Was", "Is", "Has", "Had", "With", "Without", "And", "Or", "But", "Denies", "Reports",
  "Presents", "Presented", "Complains", "Education", "Safety", "History", "Name", "ID", "Number", "States", "Said", "Tolerated", "Declined", "Agreed",
  "Consented", "Admitted", "Discharged", "Seen", "Stable", "Alert", "Oriented", "Pain", "Status", "Doctor", "Nurse", "Patient", "Team", "Family",
  "Cardiology", "Neurology", "Oncology", "Radiology", "Surgery", "Pharmacy", "Nursing", "Medicine", "Emergency", "Department", "Ward", "Unit", "ICU",
  "ED", "Clinic", "Hospital", "Today", "Yesterday", "Tomorrow", "Mr", "Mrs", "Ms", "Dr", "Also", "Not", "No", "Yes", "On", "In", "At", "For", "To",
  "Who", "Which", "What", "When", "A", "An", "Care", "Home", "Social", "Services", "Work", "Dad", "Mum", "Mom", "Father", "Mother", "Son", "Daughter",
  "Colleague", "Colleagues", "Sir", "Madam", "All", "Professor", "Prof", "Consultant", "Registrar", "Team",
]);
const titles = String.raw`(?:Professor|Doctor|Sister|Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Sir|Dame|Rev|Sr|Fr)\.?`;
const cues = String.raw`(?:[Cc]hild|[Bb]aby|[Ii]nfant|[Tt]oddler|[Bb]oy|[Gg]irl|[Tt]win|Dear|[Mm]om|[Mm]um|[Dd]ad|[Gg]randma|[Gg]randpa|[Gg]ran|[Nn]an|[Ss]tepfather|[Ss]tepmother|[Hh]alf-brother|[Hh]alf-sister|[Pp]atient|[Pp]t\.?|[Ss]on|[Dd]aughter|[Ww]ife|[Hh]usband|[Mm]other|[Ff]ather|[Bb]rother|[Ss]ister|[Pp]artner|[Ss]pouse|[Ff]riend|[Nn]eighbou?r|[Cc]arer|[Cc]aregiver|[Gg]uardian|[Gg]randson|[Gg]randdaughter|[Gg]randmother|[Gg]randfather|[Nn]iece|[Nn]ephew|[Aa]unt|[Uu]ncle|[Cc]ousin|[Nn]amed|[Cc]alled|[Nn]ame is|[Nn]ame:|NOK|[Nn]ext of kin|[Ee]mergency contact|[Aa]ccompanied by|[Ss]poke (?:with|to)|[Dd]iscussed with|[Rr]eferred by|[Ss]igned by|[Cc]ontact|[Ii]nformant|[Gg]irlfriend|[Bb]oyfriend|[Ff]ianc[ée]e?|[Ss]tepson|[Ss]tepdaughter|[Ll]andlord|[Cc]olleague|[Ee]mployer|[Ss]urrogate|[Pp]roxy|[Ww]idow(?:er)? of|[Mm]arried to|[Ll]ives with|[Cc]ared for by|[Vv]isited by|[Cc]alled by)`;

const facilityHead = String.raw`(?:Social Care|Social Services|Children's Services|Community Mental Health Team|Hospital|Clinic|Medical Cent(?:er|re)|Health Cent(?:er|re)|Infirmary|Hospice|Surgery|Medical Group|Health System|Healthcare|Medical Practice|Family Practice|Urgent Care|Cancer Cent(?:er|re)|Heart Institute|Rehabilitation Cent(?:er|re)|Dialysis Cent(?:er|re)|Imaging Cent(?:er|re)|Health Trust|NHS Trust|NHS Foundation Trust)`;
const schoolHead = String.raw`(?:Montessori|Day Nursery|Playgroup|Daycare|Day Care|Infant School|Junior School|Sixth Form(?: College)?|High School|Elementary School|Primary School|Middle School|Secondary School|Junior High|Grammar School|Academy|University|College|School|Kindergarten|Nursery|Preschool)`;
const careHead = String.raw`(?:Care Home|Nursing Home|Residential Home|Retirement Home|Retirement Village|Assisted Living|Care Cent(?:er|re)|Senior Living|Rest Home|Group Home|Manor|Lodge)`;
const employerHead = String.raw`(?:Inc\.?|Ltd\.?|LLC|LLP|plc|Corp\.?|Corporation|Company|Co\.|Group|Industries|Bank|Motors|Logistics|Holdings|Partners|Associates|Foods|Steel|Airlines|Railway|Council|Police|Fire Department)`;
const genericLead = new Set(["The", "A", "An", "Local", "General", "Community", "District", "Regional", "University", "Memorial", "Children's", "County", "City", "State", "Veterans", "Medical", "Teaching", "Private", "Public", "Mental", "Psychiatric", "Specialist", "Our", "This", "Their", "His", "Her", "Same", "Another", "Other", "High", "Primary", "Secondary", "Elementary", "Middle", "Nursing", "Care", "Retirement", "Residential", "Group", "Medical", "Family", "Urgent", "Cancer", "Heart", "Dialysis", "Imaging", "Rehabilitation", "Walk-in", "Outpatient", "Day", "Night"]);
const orgName = String.raw`(?:(?:St\.?|Saint|Mount|Mt\.?)\s+)?[A-Z][A-Za-z'’&.\-]*(?:\s+(?:of\s+(?:the\s+)?|and\s+|&\s+)?[A-Z][A-Za-z'’&.\-]*){0,5}`;
const streetSuffix = String.raw`(?:Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Lane|Ln|Drive|Dr|Court|Ct|Way|Place|Pl|Terrace|Highway|Hwy|Close|Crescent|Square|Sq|Gardens|Grove|Row|Parkway|Pkwy|Circle|Cir|Mews|Hill|Walk)\.?`;
// Common romanised Japanese surnames (a gazetteer, like compromise's own name lists): "Yamada agreed".
const japaneseSurnames = "Sato|Satou|Suzuki|Takahashi|Tanaka|Watanabe|Ito|Itou|Yamamoto|Nakamura|Kobayashi|Kato|Katou|Yoshida|Yamada|Sasaki|Yamaguchi|Matsumoto|Inoue|Kimura|Hayashi|Shimizu|Yamazaki|Yamasaki|Mori|Abe|Ikeda|Hashimoto|Ishikawa|Yamashita|Ogawa|Ishii|Hasegawa|Goto|Gotou|Okada|Kondo|Kondou|Maeda|Fujita|Endo|Endou|Aoki|Sakamoto|Murakami|Ota|Oota|Kaneko|Fujii|Fukuda|Nishimura|Miura|Takeuchi|Nakajima|Okamoto|Matsuda|Harada|Nakagawa|Nakano|Ono|Tamura|Takeda|Fujiwara|Kojima|Ueda|Sakai|Morita|Miyazaki|Uchida|Kudo|Yokoyama|Miyamoto|Sugiyama|Murata|Noguchi|Kikuchi|Sano|Arai|Takagi|Hirano|Kubo|Matsui|Iwasaki|Sakurai|Kinoshita|Nomura|Otsuka|Chiba|Matsuo|Kikuchi|Sugawara|Imai|Takada|Ozaki|Hagiwara|Onishi|Hirata|Kuroda|Nagai|Kawaguchi|Takano|Tsuchiya";

const monthsAndDays = /^(?:January|February|March|April|May|June|July|August|September|October|November|December|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Spring|Summer|Autumn|Winter)$/;

type Found = NoteSpan[];
const add = (spans: Found, start: number, end: number, category: NoteIdentifierCategory, weak = false) => {
  if (end > start) spans.push({ start, end, category, ...(weak ? { weak } : {}) });
};

// Credentials after a name: "MORI Akiko MD", "Jane Doe, RN".
const credentials = String.raw`(?:MD|M\.D\.|DO|RN|NP|PA-C|PhD|MBBS|MBChB|MRCP|FRCP|FRCS|FRCR|MRCGP|DDS|PharmD|RPh|LPN|CNS|MSW|LCSW|PT|OT|SLP)`;

function findCuedNames(text: string, spans: Found): void {
  const capitalsFirst = new RegExp(String.raw`\b[A-Z]{2,}(?:-[A-Z]{2,})?,\s+${word}(?=\s|,|\.|$)`, "gu");
  const patterns = [
    new RegExp(String.raw`(?<=\b${titles}\s+)${name}`, "gu"),
    new RegExp(String.raw`(?<=\b${cues}(?:,|:)?(?:\s*\(\s*|\s+['"‘“]\s*|\s+)(?:(?:is|was)\s+)?(?:${titles}\s+)?)${name}`, "gu"),
    new RegExp(String.raw`\b[A-Z][A-Za-z'’\-]+(?:[ \t]+[A-Z][A-Za-z'’\-]+){1,2}(?=,?[ \t]+${credentials}\b)`, "gu"),
    // A name label with words between ("Name on wristband:", "Name in katakana on insurance letter:"); capitals and a wrapped line allowed.
    new RegExp(String.raw`(?<=\b(?:[Nn]ame|NAME)\s+(?:on|in|as|per)\s+[^:\n.]{0,30}:\s*)(?:[A-Z][A-Za-z'’\-]*(?:\n[A-Za-z'’\-]+)?(?:[ \t]+[A-Z][A-Za-z'’\-]*(?:\n[A-Za-z'’\-]+)?){0,2}|[\p{Script=Katakana}ー]{2,10}(?:[ \u3000・][\p{Script=Katakana}ー]{2,10})?|[\p{Script=Han}]{1,4}(?:[ \u3000][\p{Script=Han}]{1,3})?)`, "gu"),
    // "Name: Okonkwo, Chinedu" (family name first).
    new RegExp(String.raw`(?<=\b(?:[Nn]ame|[Pp]atient|[Pp]t)\s*:\s*)${word},[ \t]*${laterWord}(?:[ \t]+${laterWord})?`, "gu"),
    new RegExp(String.raw`\b${word}(?=-(?:san|sama|sensei|kun|chan|shi)\b)`, "gu"),
    capitalsFirst,
    // An initial and a surname ("R. Fairbairn"); abbreviated genera (E. coli, S. Aureus) are not people.
    /(?<![\w/.]|\d[ \t])(?!(?:E\. Coli|S\. Aureus|H\. Pylori|C\. Diff|P\. Aeruginosa|K\. Pneumoniae|M\. Tuberculosis|S\. Pneumoniae|N\. Meningitidis|H\. Influenzae|C\. Albicans)\b)[A-Z]\.[ \t]?[A-Z][a-z]+(?:-[A-Z][a-z]+)?\b(?![.]\s*[a-z])/gu,
  ];
  for (const pattern of patterns) {
    for (const match of text.matchAll(pattern)) {
      // Trim trailing words that are not names ("John Smith Reports" → "John Smith").
      const words = match[0].split(/\s+/);
      while (words.length > 0 && notNames.has(words[words.length - 1]!.replace(/[,.]$/, ""))) words.pop();
      if (words.length === 0 || notNames.has(words[0]!)) continue;
      // A lone short capital word after a cue is an abbreviation: "father (MI, 60s)".
      if (words.length === 1 && /^[A-Z]{2,4}$/.test(words[0]!)) continue;
      if (pattern === capitalsFirst && !/^[A-Z][a-z]/.test(words[1] ?? "")) continue;
      add(spans, match.index, match.index + words.join(" ").length, "NAME");
    }
  }
  for (const match of text.matchAll(new RegExp(String.raw`\b(?:${japaneseSurnames})\b`, "g"))) add(spans, match.index, match.index + match[0].length, "NAME", true);
}

function findOrganisations(text: string, spans: Found): void {
  const groups: Array<[string, NoteIdentifierCategory]> = [[facilityHead, "FACILITY"], [schoolHead, "ORGANISATION"], [careHead, "ORGANISATION"], [employerHead, "ORGANISATION"]];
  for (const [head, category] of groups) {
    const pattern = new RegExp(String.raw`\b${orgName}\s+${head}\b(?:\s+(?:of|for)\s+(?:the\s+)?[A-Z][A-Za-z'’\-]*(?:\s+[A-Z][A-Za-z'’\-]*){0,3})?|\b${head}\s+of\s+(?:the\s+)?[A-Z][A-Za-z'’\-]*(?:\s+[A-Z][A-Za-z'’\-]*){0,3}`, "gu");
    for (const match of text.matchAll(pattern)) {
      const words = match[0].split(/\s+/);
      // "The Royal Hospital" names a place; "General Hospital" or "Memorial Hospital" alone names nothing.
      let skip = 0;
      while (skip < words.length && (words[skip] === "The" || words[skip] === "the")) skip += 1;
      const headWords = new RegExp(`^(?:${head})`).exec(words.slice(skip).join(" "))?.[0].split(/\s+/).length ?? 0;
      const namePart = words.slice(skip, words.length - headWords);
      if (headWords > 0 && namePart.every((part) => genericLead.has(part))) continue;
      const start = match.index + words.slice(0, skip).join(" ").length + (skip > 0 ? 1 : 0);
      add(spans, start, match.index + match[0].length, category);
    }
  }
  const workplace = new RegExp(String.raw`(?<=\b(?:[Ww]orks?|[Ww]orked|[Ww]orking|[Ee]mployed|[Ee]mployee|[Jj]ob|[Rr]etired|[Tt]eaches|[Tt]aught|[Ss]tudies|[Ss]tudying|[Ss]tudent|[Ee]nrolled|[Aa]ttends|[Aa]ttended|[Vv]olunteers?|[Rr]esides|[Rr]esident|[Ll]ives|[Ll]iving|[Pp]laced|[Pp]reviously|[Ff]ormerly|[Oo]perative|[Ww]orker|[Dd]river|[Cc]leaner|[Ll]abou?rer|[Aa]ssistant|[Cc]ashier|[Pp]orter|[Cc]hef|[Pp]art-time|[Ff]ull-time|[Ss]hifts?|[Ss]hift work|[Pp]lacement|[Aa]pprenticeship|[Ii]nternship)\s+(?:as\s+an?\s+[a-z]+\s+)?(?:at|for|by|from|in|of)\s+(?:the\s+)?)${orgName}`, "gu");
  for (const match of text.matchAll(workplace)) {
    // orgName allows "St." and "Inc.": a full stop before a capital still ends the sentence.
    match[0] = match[0].replace(/\.\s[\s\S]*$/u, "");
    if (!match[0].split(/\s+/).every((part) => notNames.has(part))) add(spans, match.index, match.index + match[0].length, "ORGANISATION");
  }
  // "at British Steel in Scunthorpe": the town after a named organisation.
  for (const span of [...spans]) {
    if (span.category !== "ORGANISATION" && span.category !== "FACILITY") continue;
    const after = /^,?\s+in\s+([A-Z][a-z]+(?:[ -][A-Z][a-z]+)?)\b/u.exec(text.slice(span.end));
    if (after && !notNames.has(after[1]!) && !monthsAndDays.test(after[1]!)) add(spans, span.end + after[0].length - after[1]!.length, span.end + after[0].length, "ADDRESS");
  }
  // An employer named before an occupation: "a UPS driver", "retired Boeing machinist".
  const beforeOccupation = /(?<=\b(?:an?|as|retired|former|ex-|[MF]|male|female|man|woman|he|she|is),?\s+)(?!(?:ICU|ED|ER|A&E|OR|NICU|PICU|CCU|HDU|ITU|GP|NHS|ward|Ward)\b)[A-Z][A-Za-z&'’\-]+(?:\s[A-Z][A-Za-z&'’\-]+){0,2}(?=\s+(?:driver|employee|worker|engineer|machinist|cashier|manager|technician|mechanic|clerk|warehouse|delivery|salesman|saleswoman|accountant|pilot|conductor|teller|barista|chef|cook)\b)/gu;
  for (const match of text.matchAll(beforeOccupation)) {
    if (!match[0].split(/\s+/).every((part) => notNames.has(part))) add(spans, match.index, match.index + match[0].length, "ORGANISATION");
  }
}

function findAddresses(text: string, spans: Found): void {
  const patterns = [
    new RegExp(String.raw`\b\d{1,5}[A-Za-z]?\s+(?:[A-Z][a-z]+\s+){1,3}${streetSuffix}(?:,?\s*(?:Apt|Apartment|Suite|Unit|Flat|#)\.?\s*\w+)?(?:,\s*[A-Z][a-z]+(?:\s[A-Z][a-z]+)?)?`, "gu"),
    /\b(?:Flat|Apt|Apartment|Unit|Suite)\.?\s*\d+[A-Za-z]?,?\s+\d{1,5}\s+[A-Z][a-z]+(?:\s+[A-Z][a-z]+){0,3}/gu,
    /\bP\.?\s?O\.?\s+Box\s+\d+/giu,
    new RegExp(String.raw`(?<=\b(?:on|at|near|off|along|in)\s+(?:the\s+)?)(?:(?:\d+(?:st|nd|rd|th)|[A-Z][a-z]+)\s+){1,3}${streetSuffix}(?![A-Za-z])`, "gu"),
    // UK road numbers and places named by where something happened: "on the A64 near Tadcaster".
    /(?<=\b(?:on|along|off|via|from|onto)\s+the\s+)[AMB]\d{1,4}(?:\(M\))?\b/gu,
    /(?<=\b(?:near|outside|just outside|close to|north of|south of|east of|west of)\s+)(?!(?:The|This|That|Normal|Complete|Total|Baseline|Target|Zero|Full|Day|Week|Month|Hospital|Ward|Clinic|January|February|March|April|May|June|July|August|September|October|November|December)\b)[A-Z][a-z]+(?:[ -][A-Z][a-z]+){0,2}\b/gu,
    // The town before a UK postcode or a US state and ZIP: "Ilkley LS29 8QR", "Chicago, IL 60640".
    /\b(?:[A-Z][a-z]+(?:[ -][A-Z][a-z]+){0,3},\s+){0,3}[A-Z][a-z]+(?:[ -][A-Z][a-z]+){0,2}(?=,?\s+(?:[A-PR-UWYZ][A-HK-Y]?\d[A-Z\d]? ?\d[ABD-HJLNP-UW-Z]{2}\b|[A-Z]{2}\s+\d{5}(?:-\d{4})?\b))/gu,
    new RegExp(String.raw`(?<=\b(?:lives|living|resides|residing|resident|moved|relocated|home|address|from)\s+(?:in|at|to|of|near)?\s*)[A-Z][a-z]+(?:\s+[A-Z][a-z]+){0,2}(?=,?\s+(?:[A-Z]{2}\b|[A-Z][a-z]+shire\b)|[,.;]|\s+(?:and|with|where|since|for)\b)`, "gu"),
    /(?<=\b(?:Address|address|Addr\.?)\s*[:=]\s*)[^\n;]{4,80}?(?=\s*(?:\n|;|$|\.\s|,?\s*(?:Tel|Phone|TEL)))/gu,
  ];
  for (const pattern of patterns) for (const match of text.matchAll(pattern)) add(spans, match.index, match.index + match[0].length, "ADDRESS");
}

/** compromise's guesses: people, and cities or smaller places (countries and states stay). Organisations come from heads and cues only: its organisation tags took clinical names ("New York Heart Association"). */
function findTagged(text: string, spans: Found): void {
  const doc = nlp(text);
  const offsets = (view: { json: (options: object) => unknown }) => view.json({ offset: true, terms: { tags: true } }) as Array<{ text: string; offset: { start: number; length: number }; terms: Array<{ tags: string[] }> }>;
  for (const found of offsets(doc.people())) {
    // compromise's person may carry brackets, labels or a bare "3)" ("ED note: Laura Glasgow,", "(Mia,"): its capitalised
    // word runs are the name; acronyms ("MS. MRI", "COPD") are clinical words whatever the tagger says.
    for (const run of found.text.matchAll(/[A-Z][a-z][A-Za-z'’\-]*(?:[ \t]+(?:[A-Z]\.[ \t]*)?[A-Z][a-z][A-Za-z'’\-]*)*/gu)) {
      const value = run[0].replace(/['’]s$/, "");
      if (value.split(/\s+/).every((part) => notNames.has(part))) continue;
      const start = text.indexOf(value, Math.max(0, found.offset.start + run.index - 2));
      if (start >= 0) add(spans, start, start + value.length, "NAME", true);
    }
  }
  for (const found of offsets(doc.places())) {
    const tags = found.terms.flatMap((term) => term.tags);
    if (tags.includes("Country") || tags.includes("Region") || tags.includes("Address")) continue;
    const value = found.text.replace(/[\s,.;:!?]+$/u, "");
    if (value.length < 3 || /^[A-Z]+$/.test(value) || !/^[A-Z]/.test(value)) continue;
    add(spans, found.offset.start, found.offset.start + value.length, "ADDRESS", true);
  }
}

/** Spans of English identifiers in the normalised note. */
export function findEnglishEntities(text: string, { tag }: { tag: boolean }): NoteSpan[] {
  const spans: Found = [];
  findCuedNames(text, spans);
  findOrganisations(text, spans);
  findAddresses(text, spans);
  if (tag) findTagged(text, spans);
  return spans;
}
