import type { MrmcRead } from "@/lib/stats/jackknife-figures";
import { logTimeBinWidth, msTimeBinWidth, probabilityBins, type Arm, type CaseOutcomeByArm, type KpiAggregates, type ReadCell } from "./kpi-aggregates";
import type { Moments } from "./mean-interval";
import type { ReanalysisRow } from "./reanalysis-dictionary";

// PostgreSQL's round(float8) rounds halves to even (rint); the roll-ups bin with it, so this does too.
const roundHalfEven = (value: number) => {
  const floor = Math.floor(value);
  const fraction = value - floor;
  return fraction > 0.5 ? floor + 1 : fraction < 0.5 ? floor : floor % 2 === 0 ? floor : floor + 1;
};
const bool = (value: string | number | null) => (value === null || value === "" ? null : Number(value) === 1);
const num = (value: string | number | null) => (value === null || value === "" ? null : Number(value));
const add = (moments: Moments, value: number | null): Moments => (value === null ? moments : { n: moments.n + 1, sum: moments.sum + value, sumOfSquares: moments.sumOfSquares + value * value });
const empty = (): Moments => ({ n: 0, sum: 0, sumOfSquares: 0 });

/**
 * The dashboard's sufficient statistics rebuilt from the reanalysis export alone, by the roll-ups' own
 * definitions (lib/kpi/kpi-rollups.ts): what lets a statistician reproduce every KPI from the CSV.
 */
export function aggregatesFromReanalysis(rows: ReanalysisRow[]): KpiAggregates {
  const cells = new Map<string, ReadCell>();
  const armBins = new Map<string, number>();
  const pairedBins = new Map<string, number>();
  const byReaderCase = new Map<string, { AIDED?: number; UNAIDED?: number }>();
  const caseInfo = new Map<string, { arms: Set<string>; row: ReanalysisRow }>();
  const months = new Set<string>();
  const bump = (map: Map<string, number>, key: string) => map.set(key, (map.get(key) ?? 0) + 1);
  for (const row of rows) {
    const arm = row.arm as Arm;
    const truth = bool(row.truth);
    const finalCall = bool(row.call);
    const aiScore = num(row.aiScore);
    const aiCall = aiScore === null ? null : aiScore >= Number(row.aiThreshold);
    const key = JSON.stringify([arm, truth, finalCall, bool(row.changedAfterAi), bool(row.aiOpened), aiCall]);
    const cell = cells.get(key) ?? { arm, truth, finalCall, changedAfterAi: bool(row.changedAfterAi), aiOpened: bool(row.aiOpened), aiCall, reads: 0, activeMs: empty(), usefulness: empty() };
    const activeMs = num(row.activeMs);
    cells.set(key, { ...cell, reads: cell.reads + 1, activeMs: add(cell.activeMs, activeMs), usefulness: add(cell.usefulness, num(row.usefulness)) });
    if (activeMs !== null) {
      bump(armBins, `${arm}|log|${roundHalfEven(Math.log(Math.max(activeMs, 1)) / logTimeBinWidth)}`);
      bump(armBins, `${arm}|ms|${roundHalfEven(activeMs / msTimeBinWidth)}`);
      const pair = byReaderCase.get(`${row.reader}|${row.caseCode}`) ?? {};
      pair[arm] = Math.max(pair[arm] ?? Number.NEGATIVE_INFINITY, activeMs);
      byReaderCase.set(`${row.reader}|${row.caseCode}`, pair);
    }
    const info = caseInfo.get(String(row.caseCode)) ?? { arms: new Set<string>(), row };
    info.arms.add(arm);
    caseInfo.set(String(row.caseCode), info);
    months.add(String(row.month));
  }
  for (const pair of byReaderCase.values()) {
    if (pair.AIDED === undefined || pair.UNAIDED === undefined) continue;
    bump(pairedBins, `log|${roundHalfEven((Math.log(Math.max(pair.AIDED, 1)) - Math.log(Math.max(pair.UNAIDED, 1))) / logTimeBinWidth)}`);
    bump(pairedBins, `ms|${roundHalfEven((pair.AIDED - pair.UNAIDED) / msTimeBinWidth)}`);
  }
  const scores = new Map<number, { bin: number; positives: number; negatives: number }>();
  const outcomes = new Map<Arm, CaseOutcomeByArm>();
  for (const { arms, row } of caseInfo.values()) {
    const truth = bool(row.truth);
    const aiScore = num(row.aiScore);
    if (truth !== null && aiScore !== null) {
      const bin = roundHalfEven(aiScore * probabilityBins);
      const entry = scores.get(bin) ?? { bin, positives: 0, negatives: 0 };
      if (truth) entry.positives++;
      else entry.negatives++;
      scores.set(bin, entry);
    }
    // Outcomes need an Outcome row (the reference standard is recorded with it) and a single arm.
    if (arms.size !== 1 || row.referenceSource === null) continue;
    const arm = [...arms][0] as Arm;
    const cell = outcomes.get(arm) ?? { arm, cases: 0, repeatExams: 0, avoidableRepeatExams: 0, readmissionKnown: 0, readmissions: 0, complicationKnown: 0, complications: 0, timeToTreatmentHours: empty(), satisfaction: empty() };
    const repeat = bool(row.repeatExamOrdered) === true;
    outcomes.set(arm, {
      ...cell, cases: cell.cases + 1, repeatExams: cell.repeatExams + (repeat ? 1 : 0), avoidableRepeatExams: cell.avoidableRepeatExams + (repeat && bool(row.repeatExamAvoidable) === true ? 1 : 0),
      readmissionKnown: cell.readmissionKnown + (bool(row.readmitted30d) === null ? 0 : 1), readmissions: cell.readmissions + (bool(row.readmitted30d) === true ? 1 : 0),
      complicationKnown: cell.complicationKnown + (bool(row.complication) === null ? 0 : 1), complications: cell.complications + (bool(row.complication) === true ? 1 : 0),
      timeToTreatmentHours: add(cell.timeToTreatmentHours, num(row.timeToTreatmentHours)), satisfaction: add(cell.satisfaction, num(row.patientSatisfaction)),
    });
  }
  const split = (key: string) => key.split("|");
  return {
    readCells: [...cells.values()],
    armTimeBins: [...armBins].map(([key, count]) => { const [arm, scale, bin] = split(key); return { arm: arm as Arm, scale: scale as "log" | "ms", bin: Number(bin), count }; }),
    pairedTimeBins: [...pairedBins].map(([key, count]) => { const [scale, bin] = split(key); return { scale: scale as "log" | "ms", bin: Number(bin), count }; }),
    aiScores: [...scores.values()],
    caseOutcomes: [...outcomes.values()],
    activeMonths: months.size,
  };
}

/** The reads as the Obuchowski–Rockette analysis takes them, from the export. */
export function mrmcReadsFromReanalysis(rows: ReanalysisRow[]): MrmcRead[] {
  return rows.map((row) => ({ reader: String(row.reader), caseKey: String(row.caseCode), arm: row.arm as Arm, truth: bool(row.truth), score: num(row.scorePresent), call: bool(row.call), activeMs: num(row.activeMs) }));
}
