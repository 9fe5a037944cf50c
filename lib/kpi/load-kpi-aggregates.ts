import "server-only";
import type { Db } from "@/lib/db/client";
import { Prisma } from "@/lib/db/generated/client";
import type { Arm, KpiAggregates } from "./kpi-aggregates";
import { ensureKpiRollupsCurrent, kpiRollupVersion } from "./kpi-rollups";

// One statement reads every roll-up the dashboard needs (lib/kpi/kpi-rollups.ts) as a single JSON
// document: a few thousand counts, Σx, Σx² and histogram bins on a fixed grid, whatever the number
// of cases, in one round trip and one row (row-by-row decoding costs more than the query in PGlite).
// The interval arithmetic then runs in TypeScript on those numbers.

type ReadCellRow = {
  arm: Arm; truth: boolean | null; finalCall: boolean | null; changedAfterAi: boolean | null; aiOpened: boolean | null; aiCall: boolean | null;
  reads: number; timeN: number; timeSum: number; timeSumSq: number; usefulnessN: number; usefulnessSum: number; usefulnessSumSq: number;
};
type TimeBinRow = { series: Arm | "PAIRED"; scale: "log" | "ms"; bin: number; count: number };
type ScoreRow = { bin: number; positives: number; negatives: number };
type OutcomeRow = {
  arm: Arm; cases: number; repeatExams: number; avoidableRepeatExams: number; readmissionKnown: number; readmissions: number; complicationKnown: number; complications: number;
  tttN: number; tttSum: number; tttSumSq: number; satisfactionN: number; satisfactionSum: number; satisfactionSumSq: number;
};
export type BreakdownRow = {
  dimension: "site" | "modality" | "reader" | "month"; groupKey: string; arm: Arm;
  reads: number; positives: number; truePositives: number; negatives: number; trueNegatives: number; timeN: number; timeSum: number; timeSumSq: number;
};
export type FairnessRow = { dimension: "ageBand" | "sex" | "scannerVendor" | "site"; groupKey: string; positives: number; truePositives: number; negatives: number; trueNegatives: number };
type FairnessSetRow = Omit<FairnessRow, "dimension" | "groupKey"> & { ageBand: string | null; sex: string | null; scannerVendor: string | null; site: string | null; grouping: number };
type ReadSetRow = ReadCellRow & Omit<BreakdownRow, "dimension" | "groupKey" | "arm" | "reads" | "timeN" | "timeSum" | "timeSumSq"> & { grouping: number; site: string | null };
type RollupDocument = {
  /** PoCs whose roll-ups are missing or from an older definition. */
  stale: string[];
  readSets: ReadSetRow[]; groups: BreakdownRow[]; timeBins: TimeBinRow[]; aiScores: ScoreRow[]; outcomes: OutcomeRow[]; fairness: FairnessSetRow[];
};

// GROUPING(truth, site) of the two read sets: the set's own column is the 0 bit.
const readSet = { 1: "cells", 2: "site" } as const;
// GROUPING(ageBand, sex, scannerVendor, site): ageBand is the highest bit (8), site the lowest (1).
const fairnessDimension = { 7: "ageBand", 11: "sex", 13: "scannerVendor", 14: "site" } as const;

// A roll-up flag is 1, 0 or -1 (not recorded): nullif(flag, -1) = 1 turns it back into true, false or null.
const accuracyCounts = Prisma.sql`
  coalesce(sum(k.reads) FILTER (WHERE k.truth = 1), 0)::int AS positives, coalesce(sum(k.reads) FILTER (WHERE k.truth = 1 AND k."finalCall" = 1), 0)::int AS "truePositives",
  coalesce(sum(k.reads) FILTER (WHERE k.truth = 0), 0)::int AS negatives, coalesce(sum(k.reads) FILTER (WHERE k.truth = 0 AND k."finalCall" = 0), 0)::int AS "trueNegatives"`;

async function readRollups(db: Db, pocIds: string[]): Promise<RollupDocument> {
  const [{ document }] = await db.$queryRaw<[{ document: RollupDocument }]>`
    SELECT json_build_object(
      'stale', (SELECT coalesce(json_agg(id), '[]') FROM unnest(${pocIds}::text[]) AS id
        WHERE NOT EXISTS (SELECT 1 FROM "KpiRollupState" WHERE "pocId" = id AND version = ${kpiRollupVersion})),
      -- The KPI cells, and the site breakdown (a PoC runs at one site) in the same pass.
      'readSets', (SELECT coalesce(json_agg(x), '[]') FROM (
        SELECT GROUPING(k.truth, s.code)::int AS grouping, k.arm,
          nullif(k.truth, -1) = 1 AS truth, nullif(k."finalCall", -1) = 1 AS "finalCall", nullif(k."changedAfterAi", -1) = 1 AS "changedAfterAi",
          nullif(k."aiOpened", -1) = 1 AS "aiOpened", nullif(k."aiCall", -1) = 1 AS "aiCall", s.code AS site,
          sum(k.reads)::int AS reads, sum(k."timeN")::int AS "timeN", sum(k."timeSum")::float8 AS "timeSum", sum(k."timeSumSq")::float8 AS "timeSumSq",
          sum(k."usefulnessN")::int AS "usefulnessN", sum(k."usefulnessSum")::float8 AS "usefulnessSum", sum(k."usefulnessSumSq")::float8 AS "usefulnessSumSq",
          ${accuracyCounts}
        FROM "KpiReadCell" k JOIN "Poc" p ON p.id = k."pocId" JOIN "Site" s ON s.id = p."siteId"
        WHERE k."pocId" = ANY(${pocIds}::text[])
        GROUP BY GROUPING SETS ((k.arm, k.truth, k."finalCall", k."changedAfterAi", k."aiOpened", k."aiCall"), (k.arm, s.code))
        HAVING sum(k.reads) > 0) x),
      'groups', (SELECT coalesce(json_agg(x), '[]') FROM (
        SELECT k.dimension, k."groupKey", k.arm, sum(k.reads)::int AS reads, sum(k."timeN")::int AS "timeN", sum(k."timeSum")::float8 AS "timeSum", sum(k."timeSumSq")::float8 AS "timeSumSq",
          ${accuracyCounts}
        FROM "KpiReadGroup" k WHERE k."pocId" = ANY(${pocIds}::text[])
        GROUP BY k.dimension, k."groupKey", k.arm HAVING sum(k.reads) > 0) x),
      'timeBins', (SELECT coalesce(json_agg(x), '[]') FROM (
        SELECT series, scale, bin, sum(count)::int AS count FROM "KpiTimeBin"
        WHERE "pocId" = ANY(${pocIds}::text[]) GROUP BY series, scale, bin HAVING sum(count) > 0) x),
      'aiScores', (SELECT coalesce(json_agg(x), '[]') FROM (
        SELECT bin, coalesce(sum(cases) FILTER (WHERE truth), 0)::int AS positives, coalesce(sum(cases) FILTER (WHERE NOT truth), 0)::int AS negatives
        FROM "KpiScoreBin" WHERE "pocId" = ANY(${pocIds}::text[]) GROUP BY bin HAVING sum(cases) > 0) x),
      'outcomes', (SELECT coalesce(json_agg(x), '[]') FROM (
        SELECT arm, sum(cases)::int AS cases, sum("repeatExams")::int AS "repeatExams", sum("avoidableRepeatExams")::int AS "avoidableRepeatExams",
          sum("readmissionKnown")::int AS "readmissionKnown", sum(readmissions)::int AS readmissions, sum("complicationKnown")::int AS "complicationKnown",
          sum(complications)::int AS complications, sum("tttN")::int AS "tttN", sum("tttSum")::float8 AS "tttSum", sum("tttSumSq")::float8 AS "tttSumSq",
          sum("satisfactionN")::int AS "satisfactionN", sum("satisfactionSum")::float8 AS "satisfactionSum", sum("satisfactionSumSq")::float8 AS "satisfactionSumSq"
        FROM "KpiOutcomeCell" WHERE "pocId" = ANY(${pocIds}::text[]) GROUP BY arm HAVING sum(cases) > 0) x),
      'fairness', (SELECT coalesce(json_agg(x), '[]') FROM (
        SELECT f."ageBand", f.sex, f."scannerVendor", s.code AS site, GROUPING(f."ageBand", f.sex, f."scannerVendor", s.code)::int AS grouping,
          coalesce(sum(f.cases) FILTER (WHERE f.truth), 0)::int AS positives, coalesce(sum(f.cases) FILTER (WHERE f.truth AND f."aiCall"), 0)::int AS "truePositives",
          coalesce(sum(f.cases) FILTER (WHERE NOT f.truth), 0)::int AS negatives, coalesce(sum(f.cases) FILTER (WHERE NOT f.truth AND NOT f."aiCall"), 0)::int AS "trueNegatives"
        FROM "KpiFairnessCell" f JOIN "Poc" p ON p.id = f."pocId" JOIN "Site" s ON s.id = p."siteId"
        WHERE f."pocId" = ANY(${pocIds}::text[])
        GROUP BY GROUPING SETS ((f."ageBand"), (f.sex), (f."scannerVendor"), (s.code))
        HAVING sum(f.cases) > 0) x)
    ) AS document`;
  return document;
}

export async function loadKpiAggregates(db: Db, pocIds: string[]): Promise<KpiAggregates & { breakdowns: BreakdownRow[]; fairness: FairnessRow[] }> {
  let document = await readRollups(db, pocIds);
  if (document.stale.length > 0) {
    await ensureKpiRollupsCurrent(db, document.stale);
    document = await readRollups(db, pocIds);
  }
  const { readSets, groups, timeBins, aiScores, outcomes, fairness } = document;

  const moments = (n: number, sum: number, sumOfSquares: number) => ({ n, sum, sumOfSquares });
  const setOf = (row: ReadSetRow) => readSet[row.grouping as keyof typeof readSet];
  const readCells = readSets.filter((row) => setOf(row) === "cells");
  const siteRows: BreakdownRow[] = readSets.filter((row) => setOf(row) === "site").map(({ arm, site, reads, positives, truePositives, negatives, trueNegatives, timeN, timeSum, timeSumSq }) => (
    { dimension: "site", groupKey: site ?? "unknown", arm, reads, positives, truePositives, negatives, trueNegatives, timeN, timeSum, timeSumSq }));
  const breakdownRows = [...siteRows, ...groups];
  const fairnessRows: FairnessRow[] = fairness.map(({ ageBand, sex, scannerVendor, site, grouping, ...row }) => {
    const dimension = fairnessDimension[grouping as keyof typeof fairnessDimension];
    const groupKey = { ageBand, sex, scannerVendor, site }[dimension] ?? "unknown";
    return { ...row, dimension, groupKey };
  });
  return {
    readCells: readCells.map((row) => ({
      arm: row.arm, truth: row.truth, finalCall: row.finalCall, changedAfterAi: row.changedAfterAi, aiOpened: row.aiOpened, aiCall: row.aiCall, reads: row.reads,
      activeMs: moments(row.timeN, row.timeSum, row.timeSumSq), usefulness: moments(row.usefulnessN, row.usefulnessSum, row.usefulnessSumSq),
    })),
    armTimeBins: timeBins.flatMap(({ series, scale, bin, count }) => (series === "PAIRED" ? [] : [{ arm: series, scale, bin, count }])),
    pairedTimeBins: timeBins.filter((row) => row.series === "PAIRED").map(({ scale, bin, count }) => ({ scale, bin, count })),
    aiScores: aiScores,
    caseOutcomes: outcomes.map((row) => ({
      arm: row.arm, cases: row.cases, repeatExams: row.repeatExams, avoidableRepeatExams: row.avoidableRepeatExams, readmissionKnown: row.readmissionKnown, readmissions: row.readmissions,
      complicationKnown: row.complicationKnown, complications: row.complications,
      timeToTreatmentHours: moments(row.tttN, row.tttSum, row.tttSumSq), satisfaction: moments(row.satisfactionN, row.satisfactionSum, row.satisfactionSumSq),
    })),
    activeMonths: new Set(breakdownRows.filter((row) => row.dimension === "month").map((row) => row.groupKey)).size,
    breakdowns: breakdownRows,
    fairness: fairnessRows,
  };
}
