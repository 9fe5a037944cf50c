import type { ScoreCounts } from "./delong-auc";
import type { Moments } from "./mean-interval";

export type Arm = "UNAIDED" | "AIDED";

// Grid widths of the histograms SQL returns: 0.5% on the log scale, 250 ms on the time scale,
// 0.001 on the AI probability. Finer than any decision the dashboard supports.
export const logTimeBinWidth = 0.005;
export const msTimeBinWidth = 250;
export const probabilityBins = 1000;
export const aiThreshold = 0.5;

/** Completed reads grouped by every categorical field the KPIs need; small (≤ a few hundred rows). */
export type ReadCell = {
  arm: Arm;
  truth: boolean | null;
  finalCall: boolean | null;
  changedAfterAi: boolean | null;
  aiOpened: boolean | null;
  aiCall: boolean | null;
  reads: number;
  activeMs: Moments;
  usefulness: Moments;
};

type CaseOutcomeByArm = {
  arm: Arm;
  cases: number;
  repeatExams: number;
  avoidableRepeatExams: number;
  readmissionKnown: number;
  readmissions: number;
  complicationKnown: number;
  complications: number;
  timeToTreatmentHours: Moments;
  satisfaction: Moments;
};

/** The sufficient statistics of one dashboard, as loaded by load-kpi-aggregates.ts. */
export type KpiAggregates = {
  readCells: ReadCell[];
  armTimeBins: { arm: Arm; scale: "log" | "ms"; bin: number; count: number }[];
  pairedTimeBins: { scale: "log" | "ms"; bin: number; count: number }[];
  aiScores: ScoreCounts;
  caseOutcomes: CaseOutcomeByArm[];
  /** Calendar months with at least one completed read. */
  activeMonths: number;
};
