import { aiThreshold } from "@/lib/kpi/kpi-aggregates";
import { decileOf, exposureBand, periodKey, periodStartOf, scoreBinOf, type PeriodLength } from "./periods";
import type { MonitoringObservation } from "./schema";

export type CellCounts = {
  cases: number; aiPositives: number; discordant: number; finalReads: number; referencePositives: number; referenceNegatives: number;
  aiTruePositives: number; aiTrueNegatives: number; readN: number; readMsSum: number; readMsSumSq: number;
};
export type Cell = CellCounts & { periodStart: string; dimension: string; groupKey: string };

export const emptyCounts = (): CellCounts => ({
  cases: 0, aiPositives: 0, discordant: 0, finalReads: 0, referencePositives: 0, referenceNegatives: 0, aiTruePositives: 0, aiTrueNegatives: 0, readN: 0, readMsSum: 0, readMsSumSq: 0,
});

/**
 * Each observation's contribution to the additive cells, summed per (period, dimension, group):
 * "total" carries every count; input dimensions count cases; "score" bins carry reference counts
 * (calibration, AUC); "readTime.*" carry reading-time sums. Nothing that identifies a case is kept.
 */
export function cellContributions(observations: MonitoringObservation[], deployment: { periodLength: PeriodLength; adoptedAt: Date; labEdges: Record<string, number[]> }): Cell[] {
  const cells = new Map<string, Cell>();
  const add = (periodStart: string, dimension: string, groupKey: string, counts: Partial<CellCounts>) => {
    const key = `${periodStart}\u0000${dimension}\u0000${groupKey}`;
    let cell = cells.get(key);
    if (!cell) cells.set(key, (cell = { periodStart, dimension, groupKey, ...emptyCounts() }));
    for (const [name, value] of Object.entries(counts) as [keyof CellCounts, number][]) cell[name] += value;
  };
  for (const observation of observations) {
    const at = new Date(observation.observedAt);
    const period = periodKey(periodStartOf(at, deployment.periodLength));
    const aiCall = observation.aiScore >= aiThreshold;
    const reference =
      observation.referencePresent === undefined
        ? {}
        : observation.referencePresent
          ? { referencePositives: 1, aiTruePositives: aiCall ? 1 : 0 }
          : { referenceNegatives: 1, aiTrueNegatives: aiCall ? 0 : 1 };
    const bin = String(scoreBinOf(observation.aiScore));
    if (observation.kind === "reference") {
      add(period, "total", "all", reference);
      add(period, "score", bin, reference);
      continue;
    }
    const read = observation.readMs === undefined ? {} : { readN: 1, readMsSum: observation.readMs, readMsSumSq: observation.readMs * observation.readMs };
    const final = observation.finalCall === undefined ? {} : { finalReads: 1, discordant: observation.finalCall === aiCall ? 0 : 1 };
    add(period, "total", "all", { cases: 1, aiPositives: aiCall ? 1 : 0, ...final, ...reference, ...read });
    add(period, "score", bin, { cases: 1, ...reference });
    const inputs: [string, string | undefined][] = [
      ["modality", observation.modality],
      ["scannerVendor", observation.scannerVendor],
      ["scannerModel", observation.scannerModel],
      ["ageBand", observation.ageBand],
      ["sex", observation.sex],
      ...Object.entries(observation.acquisition ?? {}).map(([name, value]): [string, string] => [`acq:${name}`, value]),
      ...Object.entries(observation.labs ?? {}).map(([name, value]): [string, string] => [`lab:${name}`, String(decileOf(value, deployment.labEdges[name] ?? []))]),
    ];
    for (const [dimension, value] of inputs) if (value !== undefined) add(period, dimension, value, { cases: 1 });
    if (observation.readMs !== undefined) {
      add(period, "readTime.aiCall", aiCall ? "positive" : "negative", read);
      if (observation.readerExperience) add(period, "readTime.experience", observation.readerExperience, read);
      add(period, "readTime.exposure", exposureBand(deployment.adoptedAt, at), read);
    }
  }
  return [...cells.values()];
}
