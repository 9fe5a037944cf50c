// npm run eval:deid: scores the note scrubber on the seeded corpus (scripts/generate-deid-corpus.ts)
// plus the hand-written notes: recall of planted identifiers (overall and per kind, with n), clinical
// words kept, false positives per identifier-free note, and milliseconds per note after warm-up.
// A benchmark, not a test: it prints figures and exits 0 (or 1 with --strict below the targets).
import { readFileSync } from "node:fs";
import path from "node:path";
import { scrubNote, type ScrubNoteOptions } from "@/lib/deid/scrub-note";

type Planted = { category: string; value: string; kind?: string; variants?: string[] };
type Note = { id: string; split?: string; language: string; text: string; planted: Planted[]; clinical?: string[]; mustSurvive?: string[] };

const fixtures = path.resolve("tests/fixtures/deid");
const generated = JSON.parse(readFileSync(path.join(fixtures, "note-corpus.json"), "utf8")) as Note[];
const handWritten = (JSON.parse(readFileSync(path.join(fixtures, "notes.json"), "utf8")) as Note[]).map((note) => ({ ...note, split: "hand" }));
const options: ScrubNoteOptions = { shiftDays: -137, referenceDate: new Date(Date.UTC(2026, 11, 1)) };
const plain = (text: string) => text.normalize("NFKC").replace(/\p{Cf}/gu, "");

type Tally = { found: number; total: number };
const tally = () => ({ found: 0, total: 0 });
const percent = ({ found, total }: Tally) => (total === 0 ? "n/a" : `${((100 * found) / total).toFixed(1)}%`);

async function evaluate(notes: Note[], label: string) {
  const recall = tally();
  const retention = tally();
  const byKind = new Map<string, Tally>();
  const misses: string[] = [];
  let falsePositives = 0;
  let identifierFree = 0;
  for (const note of notes) {
    const { text, removed } = await scrubNote(note.text, options);
    const output = plain(text);
    for (const planted of note.planted) {
      const key = planted.kind ?? planted.category;
      const kind = byKind.get(key) ?? tally();
      byKind.set(key, kind);
      const spellings = [planted.value, ...(planted.variants ?? [])].flatMap((value) => [plain(value), plain(value).replace(/\s+/g, "")]);
      const gone = spellings.every((spelling) => !output.includes(spelling) && !output.replace(/\s+/g, "").includes(spelling.replace(/\s+/g, "")));
      recall.total += 1;
      kind.total += 1;
      if (gone) {
        recall.found += 1;
        kind.found += 1;
      } else misses.push(`${note.id} ${key}: ${planted.value}`);
    }
    for (const term of note.clinical ?? note.mustSurvive ?? []) {
      retention.total += 1;
      if (output.includes(plain(term))) retention.found += 1;
      else misses.push(`${note.id} clinical word lost: ${term}`);
    }
    if (note.planted.length === 0) {
      identifierFree += 1;
      falsePositives += Object.values(removed).reduce((sum, count) => sum + count, 0);
    }
  }
  console.log(`\n== ${label}: ${notes.length} notes (${notes.filter((note) => note.language === "ja").length} ja, ${notes.filter((note) => note.language === "en").length} en)`);
  console.log(`recall of planted identifiers: ${percent(recall)} (${recall.found}/${recall.total})`);
  console.log(`clinical words kept: ${percent(retention)} (${retention.found}/${retention.total})`);
  if (identifierFree > 0) console.log(`false positives per identifier-free note: ${(falsePositives / identifierFree).toFixed(2)} (${identifierFree} notes)`);
  console.log(`recall by kind: ${[...byKind.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([kind, value]) => `${kind} ${percent(value)} n=${value.total}`).join(" · ")}`);
  if (process.argv.includes("--misses")) for (const miss of misses) console.log(`  miss ${miss}`);
  return { recall, retention };
}

const warmStart = performance.now();
await scrubNote("佐藤様 John Smith", options);
const warmUpMs = performance.now() - warmStart;

const results = [
  await evaluate(generated.filter((note) => note.split === "dev"), "dev (generated, used while building)"),
  await evaluate(generated.filter((note) => note.split === "test"), "test (generated, held out pools and phrasings)"),
  await evaluate(handWritten, "hand-written hard cases (tests/fixtures/deid/notes.json)"),
];

const all = [...generated, ...handWritten];
const started = performance.now();
for (const note of all) await scrubNote(note.text, options);
const perNoteMs = (performance.now() - started) / all.length;
const meanChars = all.reduce((sum, note) => sum + note.text.length, 0) / all.length;
console.log(`\nspeed: ${perNoteMs.toFixed(2)} ms/note after warm-up (mean ${Math.round(meanChars)} characters; first note with tokenizer build ${Math.round(warmUpMs)} ms)`);

const test = results[1]!;
const meetsTargets = test.recall.found / test.recall.total >= 0.99 && test.retention.found / test.retention.total >= 0.99;
console.log(`targets (held-out test split): recall ≥ 99% and clinical words kept ≥ 99%: ${meetsTargets ? "met" : "NOT met"}`);
if (process.argv.includes("--strict") && !meetsTargets) process.exitCode = 1;
