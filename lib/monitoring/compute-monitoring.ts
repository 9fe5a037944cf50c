import { delongAuc } from "@/lib/kpi/delong-auc";
import { meanInterval } from "@/lib/kpi/mean-interval";
import { wilsonInterval } from "@/lib/kpi/wilson-interval";
import { assessCalibration } from "./calibration";
import { emptyCounts, type Cell, type CellCounts } from "./cell-contributions";
import { binomialCusum, ewmaChart } from "./control-charts";
import { scoreBins } from "./periods";
import { compareDistributions, type CategoryCounts, type DriftTest } from "./population-stability-index";
import type { MonitoringBaseline } from "./schema";
import { cusumShiftFactor } from "./stop-rule-kinds";

type DimensionDrift = DriftTest & { dimension: string; reference: "baseline" | "firstPeriod" };

const readDimensions = ["readTime.aiCall", "readTime.experience", "readTime.exposure"] as const;
const isInputDimension = (dimension: string) => dimension !== "total" && dimension !== "score" && !dimension.startsWith("readTime.");

function addCounts(target: CellCounts, cell: CellCounts) {
  for (const key of Object.keys(target) as (keyof CellCounts)[]) target[key] += cell[key];
}

/** CUSUM limit shared by the chart and its default rule: h = 4 gives an in-control run length of several hundred periods at typical n. */
export const defaultCusumThreshold = 4;

/**
 * Every monitoring figure of a deployment from its cells (no case is read): per period the input and
 * output drift against the frozen baseline, performance where references arrived, the discordance
 * control charts; over the whole deployment calibration and the human–AI reading-time figures.
 */
export function computeMonitoring(baseline: MonitoringBaseline, cells: Cell[], options: { cusumThreshold?: number } = {}) {
  const periods = [...new Set(cells.map((cell) => cell.periodStart))].sort();
  const byPeriod = new Map<string, Cell[]>(periods.map((period) => [period, []]));
  for (const cell of cells) byPeriod.get(cell.periodStart)!.push(cell);
  const inputDimensionNames = [...new Set(cells.filter((cell) => isInputDimension(cell.dimension)).map((cell) => cell.dimension))].sort();

  // Dimensions the PoC did not record (scanner model, acquisition parameters, labs without edges) use the first period as their reference.
  const firstPeriodCounts = new Map<string, CategoryCounts>();
  for (const dimension of inputDimensionNames) {
    if (baseline.inputs[dimension]) continue;
    const first = periods.find((period) => byPeriod.get(period)!.some((cell) => cell.dimension === dimension));
    if (first) firstPeriodCounts.set(dimension, countsOf(byPeriod.get(first)!, dimension));
  }
  const referenceFor = (dimension: string) => (baseline.inputs[dimension] ? { counts: baseline.inputs[dimension]!, reference: "baseline" as const } : { counts: firstPeriodCounts.get(dimension) ?? {}, reference: "firstPeriod" as const });

  const periodFigures = periods.map((period) => {
    const periodCells = byPeriod.get(period)!;
    const total = periodCells.find((cell) => cell.dimension === "total") ?? { ...emptyCounts() };
    const scoreCounts = countsOf(periodCells, "score");
    const scoreRows = periodCells.filter((cell) => cell.dimension === "score").map((cell) => ({ bin: Number(cell.groupKey), positives: cell.referencePositives, negatives: cell.referenceNegatives }));
    const drift: DimensionDrift[] = inputDimensionNames.map((dimension) => {
      const { counts, reference } = referenceFor(dimension);
      return { dimension, reference, ...compareDistributions(counts, countsOf(periodCells, dimension)) };
    });
    return {
      periodStart: period,
      cases: total.cases,
      drift,
      outputDrift: compareDistributions(baseline.scores, scoreCounts),
      positiveRate: wilsonInterval(total.aiPositives, total.cases),
      discordance: wilsonInterval(total.discordant, total.finalReads),
      sensitivity: wilsonInterval(total.aiTruePositives, total.referencePositives),
      specificity: wilsonInterval(total.aiTrueNegatives, total.referenceNegatives),
      auc: delongAuc(scoreRows.map((row) => ({ bin: row.bin, positives: row.positives, negatives: row.negatives }))),
      calibration: assessCalibration(scoreRows, { binCount: scoreBins }),
    };
  });

  const baselineDiscordance = baseline.discordance.n > 0 ? baseline.discordance.successes / baseline.discordance.n : 0;
  // A rate of 0 or 1 cannot anchor a likelihood ratio: clamp to one event in the baseline's n (at least 1%).
  const p0 = Math.min(0.45, Math.max(baselineDiscordance, 1 / Math.max(100, baseline.discordance.n)));
  const discordanceSeries = periodFigures.map((p) => ({ period: p.periodStart, events: p.discordance.successes, n: p.discordance.n }));
  const cusum = binomialCusum(discordanceSeries, { baselineRate: p0, outOfControlRate: Math.min(0.95, p0 * cusumShiftFactor), threshold: options.cusumThreshold ?? defaultCusumThreshold });
  const ewma = ewmaChart(discordanceSeries, { baselineRate: p0 });

  const allScoreRows = new Map<number, { bin: number; positives: number; negatives: number }>();
  for (const cell of cells.filter((c) => c.dimension === "score")) {
    const row = allScoreRows.get(Number(cell.groupKey)) ?? { bin: Number(cell.groupKey), positives: 0, negatives: 0 };
    row.positives += cell.referencePositives;
    row.negatives += cell.referenceNegatives;
    allScoreRows.set(row.bin, row);
  }
  const readingTime = Object.fromEntries(
    readDimensions.map((dimension) => {
      const groups = new Map<string, CellCounts>();
      for (const cell of cells.filter((c) => c.dimension === dimension)) {
        const group = groups.get(cell.groupKey) ?? emptyCounts();
        addCounts(group, cell);
        groups.set(cell.groupKey, group);
      }
      return [dimension, [...groups.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([groupKey, c]) => ({ groupKey, ...meanInterval({ n: c.readN, sum: c.readMsSum, sumOfSquares: c.readMsSumSq }) }))];
    }),
  ) as Record<(typeof readDimensions)[number], ({ groupKey: string } & ReturnType<typeof meanInterval>)[]>;

  return {
    baselineDiscordanceRate: p0,
    periods: periodFigures,
    cusum,
    ewma,
    calibration: assessCalibration([...allScoreRows.values()], { binCount: scoreBins }),
    readingTime,
  };
}
export type MonitoringFigures = ReturnType<typeof computeMonitoring>;

function countsOf(cells: Cell[], dimension: string): CategoryCounts {
  const counts: CategoryCounts = {};
  for (const cell of cells) if (cell.dimension === dimension) counts[cell.groupKey] = (counts[cell.groupKey] ?? 0) + cell.cases;
  return counts;
}
