import { aiThreshold, probabilityBins, type Arm, type KpiAggregates } from "@/lib/kpi/kpi-aggregates";
import type { FairnessRow } from "@/lib/kpi/load-kpi-aggregates";
import { minimumCellSize } from "@/lib/kpi/suppress-small-cells";
import { bundleSubgroupDimensions, type ArmStatistics, type EvidenceBundle } from "./bundle-schema";

type Proportion = ArmStatistics["sensitivity"];
type MomentsCell = ArmStatistics["readingMs"];

/** A proportion whose denominator is under minimumCellSize leaves the site as "suppressed" only. */
export function proportionCell(successes: number, n: number): Proportion {
  return n < minimumCellSize ? { suppressed: true } : { suppressed: false, successes, n };
}

function momentsCell(moments: { n: number; sum: number; sumOfSquares: number }): MomentsCell {
  return moments.n < minimumCellSize ? { suppressed: true } : { suppressed: false, ...moments };
}

/**
 * Histogram bins under minimumCellSize are merged with their neighbours (runs accumulate until they
 * reach it; a short tail joins the last run), each run placed at its count-weighted centre bin:
 * the total is kept exactly, a location moves by less than the run's width.
 */
export function coarsenHistogram(bins: { bin: number; count: number }[]): { bin: number; count: number }[] {
  const sorted = bins.filter((b) => b.count > 0).sort((a, b) => a.bin - b.bin);
  const runs: { weighted: number; count: number }[] = [];
  let open = { weighted: 0, count: 0 };
  for (const { bin, count } of sorted) {
    open.weighted += bin * count;
    open.count += count;
    if (open.count >= minimumCellSize) {
      runs.push(open);
      open = { weighted: 0, count: 0 };
    }
  }
  if (open.count > 0) {
    const last = runs.at(-1);
    if (last) {
      last.weighted += open.weighted;
      last.count += open.count;
    } else runs.push(open);
  }
  // A total under the minimum leaves no histogram at all.
  return runs.filter((run) => run.count >= minimumCellSize).map((run) => ({ bin: Math.round(run.weighted / run.count), count: run.count }));
}

/** The statistics section of a bundle from one PoC's KPI roll-ups: counts and sums, small cells suppressed. */
export function summariseAggregates(aggregates: KpiAggregates & { fairness: FairnessRow[] }): EvidenceBundle["statistics"] {
  const arm = (which: Arm): ArmStatistics => {
    const cells = aggregates.readCells.filter((cell) => cell.arm === which);
    const sum = (where: (cell: (typeof cells)[number]) => boolean) => cells.reduce((total, cell) => (where(cell) ? total + cell.reads : total), 0);
    const positives = sum((cell) => cell.truth === true && cell.finalCall !== null);
    const negatives = sum((cell) => cell.truth === false && cell.finalCall !== null);
    const time = cells.reduce((total, cell) => ({ n: total.n + cell.activeMs.n, sum: total.sum + cell.activeMs.sum, sumOfSquares: total.sumOfSquares + cell.activeMs.sumOfSquares }), { n: 0, sum: 0, sumOfSquares: 0 });
    const outcome = aggregates.caseOutcomes.find((row) => row.arm === which);
    return {
      reads: sum(() => true),
      sensitivity: proportionCell(sum((cell) => cell.truth === true && cell.finalCall === true), positives),
      specificity: proportionCell(sum((cell) => cell.truth === false && cell.finalCall === false), negatives),
      readingMs: momentsCell(time),
      logReadingTimeBins: coarsenHistogram(aggregates.armTimeBins.filter((row) => row.arm === which && row.scale === "log")),
      repeatExams: proportionCell(outcome?.repeatExams ?? 0, outcome?.cases ?? 0),
      avoidableRepeatExams: proportionCell(outcome?.avoidableRepeatExams ?? 0, outcome?.cases ?? 0),
      secondOpinionChanges: proportionCell(sum((cell) => cell.changedAfterAi === true), sum((cell) => cell.changedAfterAi !== null)),
      readmissions: proportionCell(outcome?.readmissions ?? 0, outcome?.readmissionKnown ?? 0),
      complications: proportionCell(outcome?.complications ?? 0, outcome?.complicationKnown ?? 0),
      timeToTreatmentHours: momentsCell(outcome?.timeToTreatmentHours ?? { n: 0, sum: 0, sumOfSquares: 0 }),
      patientSatisfaction: momentsCell(outcome?.satisfaction ?? { n: 0, sum: 0, sumOfSquares: 0 }),
    };
  };
  const thresholdBin = aiThreshold * probabilityBins;
  const aiPositives = aggregates.aiScores.reduce((total, row) => total + row.positives, 0);
  const aiNegatives = aggregates.aiScores.reduce((total, row) => total + row.negatives, 0);
  const dimensions = new Set<string>(bundleSubgroupDimensions);
  return {
    arms: { UNAIDED: arm("UNAIDED"), AIDED: arm("AIDED") },
    aiStandalone: {
      sensitivity: proportionCell(aggregates.aiScores.reduce((t, row) => (row.bin >= thresholdBin ? t + row.positives : t), 0), aiPositives),
      specificity: proportionCell(aggregates.aiScores.reduce((t, row) => (row.bin < thresholdBin ? t + row.negatives : t), 0), aiNegatives),
    },
    subgroups: aggregates.fairness
      .filter((row) => dimensions.has(row.dimension))
      .map((row) => ({
        dimension: row.dimension as (typeof bundleSubgroupDimensions)[number],
        groupKey: row.groupKey,
        sensitivity: proportionCell(row.truePositives, row.positives),
        specificity: proportionCell(row.trueNegatives, row.negatives),
      }))
      .sort((a, b) => (a.dimension + a.groupKey < b.dimension + b.groupKey ? -1 : 1)),
  };
}
