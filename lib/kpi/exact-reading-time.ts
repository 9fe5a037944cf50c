import type { MrmcRead } from "@/lib/stats/jackknife-figures";
import { exactHodgesLehmannPaired, exactHodgesLehmannTwoSample } from "./exact-hodges-lehmann";
import type { LocationEstimate } from "./median-interval";

export type ExactReadingTime = { paired: boolean; logShift: LocationEstimate; msShift: LocationEstimate };

/**
 * The reading-time effects from every raw time, with no grid: paired (aided − unaided for the same reader and
 * case) where the design has such pairs, else two-sample; on the log scale (relative change) and in ms. Same
 * pairing and same rule as the roll-ups (lib/kpi/kpi-rollups.ts), so only the rounding differs.
 */
export function exactReadingTime(reads: MrmcRead[]): ExactReadingTime {
  const timed = reads.filter((read) => read.activeMs !== null);
  const byReaderCase = new Map<string, { AIDED?: number; UNAIDED?: number }>();
  for (const read of timed) {
    const key = `${read.reader}\u0000${read.caseKey}`;
    const pair = byReaderCase.get(key) ?? {};
    pair[read.arm] = Math.max(pair[read.arm] ?? Number.NEGATIVE_INFINITY, read.activeMs!);
    byReaderCase.set(key, pair);
  }
  const pairs = [...byReaderCase.values()].filter((pair): pair is { AIDED: number; UNAIDED: number } => pair.AIDED !== undefined && pair.UNAIDED !== undefined);
  const log = (ms: number) => Math.log(Math.max(ms, 1));
  if (pairs.length > 0) {
    return {
      paired: true,
      logShift: exactHodgesLehmannPaired(pairs.map((pair) => log(pair.AIDED) - log(pair.UNAIDED))),
      msShift: exactHodgesLehmannPaired(pairs.map((pair) => pair.AIDED - pair.UNAIDED)),
    };
  }
  const times = (arm: MrmcRead["arm"]) => timed.filter((read) => read.arm === arm).map((read) => read.activeMs!);
  return {
    paired: false,
    logShift: exactHodgesLehmannTwoSample(times("AIDED").map(log), times("UNAIDED").map(log)),
    msShift: exactHodgesLehmannTwoSample(times("AIDED"), times("UNAIDED")),
  };
}
