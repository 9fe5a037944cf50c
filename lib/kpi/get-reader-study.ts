import "server-only";
import type { Db } from "@/lib/db/client";
import { analyseReaderStudy, type MrmcFigureResult, type ReaderStudyAnalysis } from "@/lib/stats/analyse-reader-study";
import type { KpiAggregates } from "./kpi-aggregates";
import { loadMrmcReads } from "./load-mrmc-reads";

// The MRMC analysis needs every read (not the roll-ups), so it is the one dashboard figure whose cost grows
// with the PoC. Completed reads never change, so the roll-up cells (counts and time sums per arm × truth ×
// call) change whenever anything the analysis sees changes: they key a small per-process cache.
const cache = new Map<string, { fingerprint: string; analysis: ReaderStudyAnalysis }>();
const cacheLimit = 32;

function fingerprintOf(aggregates: Pick<KpiAggregates, "readCells">): string {
  return JSON.stringify(aggregates.readCells.map((cell) => [cell.arm, cell.truth, cell.finalCall, cell.reads, cell.activeMs.n, cell.activeMs.sum]).sort());
}

/** The Obuchowski–Rockette analysis of one PoC's reads (cached until its reads or outcomes change). */
export async function getReaderStudy(db: Db, pocId: string, aggregates: Pick<KpiAggregates, "readCells">): Promise<ReaderStudyAnalysis> {
  const fingerprint = fingerprintOf(aggregates);
  const cached = cache.get(pocId);
  if (cached?.fingerprint === fingerprint) return cached.analysis;
  const analysis = analyseReaderStudy(await loadMrmcReads(db, pocId));
  if (cache.size >= cacheLimit) cache.delete(cache.keys().next().value!);
  cache.set(pocId, { fingerprint, analysis });
  return analysis;
}

/** What the screen shows: readers by pseudonymous code (R1, R2, … in the order of the reads export), never their ids. */
export function readerStudyView(study: ReaderStudyAnalysis) {
  const code = new Map(study.readers.map((id, index) => [id, `R${index + 1}`]));
  const figures = study.figures.map((figure): MrmcFigureResult => (figure.status === "ok" ? { ...figure, readerIds: figure.readerIds.map((id) => code.get(id)!) } : figure));
  return { readersInBothArms: study.readersInBothArms, figures };
}
export type ReaderStudyView = ReturnType<typeof readerStudyView>;
