import type { Arm } from "./kpi-aggregates";
import { meanInterval } from "./mean-interval";
import { suppressSmallCell, type SuppressibleEstimate } from "./suppress-small-cells";
import { wilsonInterval } from "./wilson-interval";

type BreakdownInput = {
  dimension: string; groupKey: string; arm: Arm;
  reads: number; positives: number; truePositives: number; negatives: number; trueNegatives: number; timeN: number; timeSum: number; timeSumSq: number;
};
type FairnessInput = { dimension: string; groupKey: string; positives: number; truePositives: number; negatives: number; trueNegatives: number };

type BreakdownCell = { reads: number; sensitivity: SuppressibleEstimate; specificity: SuppressibleEstimate; meanReadingMs: SuppressibleEstimate };
export type BreakdownGroup = { dimension: string; groupKey: string; label: string; unaided: BreakdownCell; aided: BreakdownCell };

const emptyCell = { reads: 0, positives: 0, truePositives: 0, negatives: 0, trueNegatives: 0, timeN: 0, timeSum: 0, timeSumSq: 0 };

function cellOf(row: Omit<BreakdownInput, "dimension" | "groupKey" | "arm">): BreakdownCell {
  return {
    reads: row.reads,
    sensitivity: suppressSmallCell(wilsonInterval(row.truePositives, row.positives)),
    specificity: suppressSmallCell(wilsonInterval(row.trueNegatives, row.negatives)),
    meanReadingMs: suppressSmallCell(meanInterval({ n: row.timeN, sum: row.timeSum, sumOfSquares: row.timeSumSq })),
  };
}

/**
 * Per site / modality / reader / month, both arms side by side; readers appear as "R1", "R2", … in a
 * stable order so the dashboard compares reading, not people.
 */
export function buildBreakdowns(rows: BreakdownInput[]): BreakdownGroup[] {
  const groups = new Map<string, { dimension: string; groupKey: string; cells: Partial<Record<Arm, BreakdownInput>> }>();
  for (const row of rows) {
    const id = `${row.dimension}\u0000${row.groupKey}`;
    const group = groups.get(id) ?? { dimension: row.dimension, groupKey: row.groupKey, cells: {} };
    group.cells[row.arm] = row;
    groups.set(id, group);
  }
  const readers = [...new Set(rows.filter((row) => row.dimension === "reader").map((row) => row.groupKey))].sort();
  return [...groups.values()]
    .sort((left, right) => left.dimension.localeCompare(right.dimension) || left.groupKey.localeCompare(right.groupKey))
    .map((group) => ({
      dimension: group.dimension,
      groupKey: group.dimension === "reader" ? `R${readers.indexOf(group.groupKey) + 1}` : group.groupKey,
      label: group.dimension === "reader" ? `R${readers.indexOf(group.groupKey) + 1}` : group.groupKey,
      unaided: cellOf(group.cells.UNAIDED ?? emptyCell),
      aided: cellOf(group.cells.AIDED ?? emptyCell),
    }));
}

export type FairnessGroup = { dimension: string; groupKey: string; sensitivity: SuppressibleEstimate; specificity: SuppressibleEstimate };

/** The AI's sensitivity and specificity per subgroup, each cell suppressed below n = 5. */
export function buildFairness(rows: FairnessInput[]): FairnessGroup[] {
  return rows
    .map((row) => ({
      dimension: row.dimension,
      groupKey: row.groupKey,
      sensitivity: suppressSmallCell(wilsonInterval(row.truePositives, row.positives)),
      specificity: suppressSmallCell(wilsonInterval(row.trueNegatives, row.negatives)),
    }))
    .sort((left, right) => left.dimension.localeCompare(right.dimension) || left.groupKey.localeCompare(right.groupKey));
}
