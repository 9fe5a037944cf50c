import { caseSetOf, figuresOfMerit, jackknifeCell, jackknifeCovariance, type FigureOfMerit, type JackknifeCell, type MrmcRead } from "./jackknife-figures";
import { obuchowskiRockette, type OrResult } from "./obuchowski-rockette";

/** Fewest readers (each reading in both arms) for which the random-reader analysis is shown. */
const minimumMrmcReaders = 3;

/**
 * fullyCrossed: every reader read every case in both arms. splitPlot: each reader read their own cases
 * in both arms, no case shared between readers. partiallyPaired: anything else (e.g. arms randomised per
 * case); the case-deletion jackknife over the union of cases is then an approximation (Hillis 2014).
 */
type MrmcDesign = "fullyCrossed" | "splitPlot" | "partiallyPaired";

type MrmcNotEstimableReason = "tooFewReaders" | "tooFewCases";

export type MrmcFigureResult =
  | { figure: FigureOfMerit; status: "ok"; design: MrmcDesign; cases: number; readerIds: string[]; analysis: OrResult }
  | { figure: FigureOfMerit; status: "notEstimable"; reason: MrmcNotEstimableReason; readersInBothArms: number; needed: number };

/** readers: every reader with a completed read, sorted (the order pseudonymous codes follow). */
export type ReaderStudyAnalysis = { readers: string[]; readersInBothArms: number; figures: MrmcFigureResult[] };

function detectDesign(cells: JackknifeCell[], caseCount: number, readers: number): MrmcDesign {
  if (cells.every((cell) => cell.cases === caseCount)) return "fullyCrossed";
  // Split-plot: a reader's two arms share one case set, and no case belongs to two readers.
  const owner = new Map<string, number>();
  for (let reader = 0; reader < readers; reader++) {
    const unaided = cells[reader * 2]!.deletionShifts;
    const aided = cells[reader * 2 + 1]!.deletionShifts;
    if (unaided.size !== aided.size) return "partiallyPaired";
    for (const caseKey of unaided.keys()) {
      if (!aided.has(caseKey)) return "partiallyPaired";
      if (owner.has(caseKey) && owner.get(caseKey) !== reader) return "partiallyPaired";
      owner.set(caseKey, reader);
    }
  }
  return "splitPlot";
}

/** One figure of merit: OR analysis over the readers whose two cells are estimable. */
export function analyseFigure(figure: FigureOfMerit, reads: MrmcRead[], minimumReaders = minimumMrmcReaders, alpha = 0.05): MrmcFigureResult {
  const usable = reads.filter((read) => caseSetOf(figure, read));
  const byCell = new Map<string, MrmcRead[]>();
  for (const read of usable) {
    const key = `${read.reader}\u0000${read.arm}`;
    const list = byCell.get(key);
    if (list) list.push(read);
    else byCell.set(key, [read]);
  }
  const readerIds = [...new Set(usable.map((read) => read.reader))].sort();
  const bothArms: { reader: string; unaided: JackknifeCell; aided: JackknifeCell }[] = [];
  let readersReadingBoth = 0;
  for (const reader of readerIds) {
    const unaidedReads = byCell.get(`${reader}\u0000UNAIDED`);
    const aidedReads = byCell.get(`${reader}\u0000AIDED`);
    if (!unaidedReads || !aidedReads) continue;
    readersReadingBoth++;
    const unaided = jackknifeCell(figure, unaidedReads);
    const aided = jackknifeCell(figure, aidedReads);
    if (unaided && aided) bothArms.push({ reader, unaided, aided });
  }
  if (readersReadingBoth < minimumReaders) return { figure, status: "notEstimable", reason: "tooFewReaders", readersInBothArms: readersReadingBoth, needed: minimumReaders };
  if (bothArms.length < minimumReaders) return { figure, status: "notEstimable", reason: "tooFewCases", readersInBothArms: readersReadingBoth, needed: minimumReaders };
  const cells = bothArms.flatMap((entry) => [entry.unaided, entry.aided]);
  const includedReaders = new Set(bothArms.map((entry) => entry.reader));
  const caseCount = new Set(usable.filter((read) => includedReaders.has(read.reader)).map((read) => read.caseKey)).size;
  const design = detectDesign(cells, caseCount, bothArms.length);
  const covariance = jackknifeCovariance(cells, caseCount);
  const analysis = obuchowskiRockette({ figures: bothArms.map((entry) => [entry.unaided.value, entry.aided.value]), covariance, splitPlot: design === "splitPlot", alpha });
  return { figure, status: "ok", design, cases: caseCount, readerIds: bothArms.map((entry) => entry.reader), analysis };
}

/** AUC (reader confidence), sensitivity, specificity and mean log reading time, each by Obuchowski–Rockette. */
export function analyseReaderStudy(reads: MrmcRead[], minimumReaders = minimumMrmcReaders): ReaderStudyAnalysis {
  const unaidedReaders = new Set(reads.filter((read) => read.arm === "UNAIDED").map((read) => read.reader));
  const readersInBothArms = new Set(reads.filter((read) => read.arm === "AIDED" && unaidedReaders.has(read.reader)).map((read) => read.reader)).size;
  const readers = [...new Set(reads.map((read) => read.reader))].sort();
  return { readers, readersInBothArms, figures: figuresOfMerit.map((figure) => analyseFigure(figure, reads, minimumReaders)) };
}
