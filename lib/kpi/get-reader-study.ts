import "server-only";
import type { Db } from "@/lib/db/client";
import { analyseReaderStudy, type MrmcFigureResult, type ReaderStudyAnalysis } from "@/lib/stats/analyse-reader-study";
import { exactReadingTime, type ExactReadingTime } from "./exact-reading-time";
import type { KpiAggregates } from "./kpi-aggregates";
import { loadMrmcReads } from "./load-mrmc-reads";

// The MRMC analysis needs every read (not the roll-ups), so it is the one dashboard figure whose cost grows
// with the PoC. Completed reads never change, so the roll-up cells (counts and time sums per arm × truth ×
// call) change whenever anything the analysis sees changes: they key a small per-process cache.
type ReadLevelFigures = { readerStudy: ReaderStudyAnalysis; readingTime: ExactReadingTime };
const cache = new Map<string, { fingerprint: string; figures: ReadLevelFigures }>();
const cacheLimit = 32;

function fingerprintOf(aggregates: Pick<KpiAggregates, "readCells">): string {
  return JSON.stringify(aggregates.readCells.map((cell) => [cell.arm, cell.truth, cell.finalCall, cell.reads, cell.activeMs.n, cell.activeMs.sum]).sort());
}

/**
 * What needs every read of one PoC: the Obuchowski–Rockette analysis and the exact reading-time effects
 * (cached until its reads or outcomes change).
 */
export async function getReadLevelFigures(db: Db, pocId: string, aggregates: Pick<KpiAggregates, "readCells">): Promise<ReadLevelFigures> {
  const fingerprint = fingerprintOf(aggregates);
  const cached = cache.get(pocId);
  if (cached?.fingerprint === fingerprint) return cached.figures;
  const reads = await loadMrmcReads(db, pocId);
  const figures = { readerStudy: analyseReaderStudy(reads), readingTime: exactReadingTime(reads) };
  if (cache.size >= cacheLimit) cache.delete(cache.keys().next().value!);
  cache.set(pocId, { fingerprint, figures });
  return figures;
}

/** What the screen shows: readers by pseudonymous code (R1, R2, … in the order of the reads export), never their ids. */
export function readerStudyView(study: ReaderStudyAnalysis) {
  const code = new Map(study.readers.map((id, index) => [id, `R${index + 1}`]));
  const figures = study.figures.map((figure): MrmcFigureResult => (figure.status === "ok" ? { ...figure, readerIds: figure.readerIds.map((id) => code.get(id)!) } : figure));
  return { readersInBothArms: study.readersInBothArms, figures };
}
export type ReaderStudyView = ReturnType<typeof readerStudyView>;
