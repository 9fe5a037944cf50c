import type { ScoreCounts } from "./delong-auc";
import type { Moments } from "./mean-interval";

export type Arm = "UNAIDED" | "AIDED";

// Grid widths of the histograms SQL returns: 0.0001 on the log scale, 10 ms on the time scale, 0.001 on
// the AI probability. A Hodges–Lehmann estimate or interval end moves by at most half a bin (0.00005 on the
// log scale, 5 ms): at the demo's distance from its target that keeps "cases still needed" within 0.5% of the
// computation on the raw times (issue 12 §3; a 0.005 grid had moved it by 22%). Checked by npm run bench:kpi.
export const logTimeBinWidth = 0.0001;
export const msTimeBinWidth = 10;
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

export type CaseOutcomeByArm = {
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
