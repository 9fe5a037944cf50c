import "server-only";
import type { Db } from "@/lib/db/client";
import { Prisma } from "@/lib/db/generated/client";
import { logTimeBinWidth, msTimeBinWidth, probabilityBins, type Arm, type KpiAggregates } from "./kpi-aggregates";

// Every query below reduces its rows to small sufficient statistics inside PostgreSQL (counts per
// cell, Σx, Σx², histograms on a fixed grid); the interval arithmetic then runs in TypeScript on a
// few thousand numbers at most, whatever the number of cases.

type ReadCellRow = {
  arm: Arm; truth: boolean | null; finalCall: boolean | null; changedAfterAi: boolean | null; aiOpened: boolean | null; aiCall: boolean | null;
  reads: number; timeN: number; timeSum: number; timeSumSq: number; usefulnessN: number; usefulnessSum: number; usefulnessSumSq: number;
};
type TimeBinRow = { arm: Arm | null; logBin: number | null; msBin: number | null; count: number };
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

/**
 * The latest successful inference per case: an anti-join (no newer one exists) rather than DISTINCT ON,
 * so PostgreSQL hashes instead of sorting a million text keys. Callers materialise it: inlined into a
 * join, a planner without statistics (PGlite) re-evaluates it per read.
 */
const latestInference = (pocIds: string[]) => Prisma.sql`
  SELECT i."caseId", i.probability
  FROM "Inference" i JOIN "Case" c ON c.id = i."caseId"
  WHERE c."pocId" = ANY(${pocIds}::text[]) AND i.status = 'SUCCEEDED' AND i.probability IS NOT NULL
    AND NOT EXISTS (SELECT 1 FROM "Inference" newer WHERE newer."caseId" = i."caseId" AND newer.status = 'SUCCEEDED' AND newer.probability IS NOT NULL AND newer."createdAt" > i."createdAt")`;

// GROUPING(truth, logBin, msBin, site, modality, reader, month) of each grouping set below: the set's own column is the 0 bit.
const readSet = { 63: "cells", 95: "logBin", 111: "msBin", 119: "site", 123: "modality", 125: "reader", 126: "month" } as const;
type ReadSetRow = ReadCellRow & Omit<BreakdownRow, "dimension" | "groupKey" | "arm" | "reads" | "timeN" | "timeSum" | "timeSumSq"> & {
  grouping: number; logBin: number | null; msBin: number | null; site: string | null; modality: string | null; reader: string | null; month: string | null;
};

export async function loadKpiAggregates(db: Db, pocIds: string[]): Promise<KpiAggregates & { breakdowns: BreakdownRow[]; fairness: FairnessRow[] }> {
  const [readSets, pairedBins, aiScores, outcomes, fairness] = await Promise.all([
    // One pass over the PoCs' completed reads feeds the KPI cells, both time histograms and all four breakdowns.
    db.$queryRaw<ReadSetRow[]>`
      WITH latest AS MATERIALIZED (${latestInference(pocIds)}),
      base AS (
        SELECT r.arm::text AS arm, o."referencePresent" AS truth, r."finalCall", r."changedAfterAi", r."aiOpened", (l.probability >= 0.5) AS "aiCall", r."activeMs", r.usefulness,
          round(ln(greatest(r."activeMs", 1)) / ${logTimeBinWidth}::float8)::int AS "logBin", round(r."activeMs" / ${msTimeBinWidth}::float8)::int AS "msBin",
          s.code AS site, c.modality, r."readerId" AS reader, to_char(date_trunc('month', coalesce(r."endedAt", r."assignedAt")), 'YYYY-MM') AS month
        FROM "Read" r JOIN "Case" c ON c.id = r."caseId" JOIN "Poc" p ON p.id = c."pocId" JOIN "Site" s ON s.id = p."siteId"
          LEFT JOIN "Outcome" o ON o."caseId" = r."caseId" LEFT JOIN latest l ON l."caseId" = r."caseId"
        WHERE c."pocId" = ANY(${pocIds}::text[]) AND r.status = 'COMPLETED')
      SELECT GROUPING(truth, "logBin", "msBin", site, modality, reader, month)::int AS grouping,
        arm, truth, "finalCall", "changedAfterAi", "aiOpened", "aiCall", "logBin", "msBin", site, modality, reader, month,
        count(*)::int AS reads, count("activeMs")::int AS "timeN", coalesce(sum("activeMs"), 0)::float8 AS "timeSum", coalesce(sum("activeMs"::float8 * "activeMs"), 0)::float8 AS "timeSumSq",
        count(usefulness)::int AS "usefulnessN", coalesce(sum(usefulness), 0)::float8 AS "usefulnessSum", coalesce(sum(usefulness * usefulness), 0)::float8 AS "usefulnessSumSq",
        count(*) FILTER (WHERE truth)::int AS positives, count(*) FILTER (WHERE truth AND "finalCall")::int AS "truePositives",
        count(*) FILTER (WHERE NOT truth)::int AS negatives, count(*) FILTER (WHERE NOT truth AND NOT "finalCall")::int AS "trueNegatives"
      FROM base
      GROUP BY GROUPING SETS ((arm, truth, "finalCall", "changedAfterAi", "aiOpened", "aiCall"), (arm, "logBin"), (arm, "msBin"), (arm, site), (arm, modality), (arm, reader), (arm, month))`,
    // Crossover pairs: the same reader and case in both arms.
    db.$queryRaw<TimeBinRow[]>`
      WITH pairs AS (
        SELECT max(r."activeMs") FILTER (WHERE r.arm = 'AIDED') AS aided, max(r."activeMs") FILTER (WHERE r.arm = 'UNAIDED') AS unaided
        FROM "Read" r JOIN "Case" c ON c.id = r."caseId"
        WHERE c."pocId" = ANY(${pocIds}::text[]) AND r.status = 'COMPLETED' AND r."activeMs" IS NOT NULL
        GROUP BY r."caseId", r."readerId")
      SELECT NULL AS arm, round((ln(greatest(aided, 1)) - ln(greatest(unaided, 1))) / ${logTimeBinWidth}::float8)::int AS "logBin", round((aided - unaided) / ${msTimeBinWidth}::float8)::int AS "msBin", count(*)::int AS count
      FROM pairs WHERE aided IS NOT NULL AND unaided IS NOT NULL
      GROUP BY GROUPING SETS (("logBin"), ("msBin"))`,
    db.$queryRaw<ScoreRow[]>`
      WITH latest AS MATERIALIZED (${latestInference(pocIds)})
      SELECT round(l.probability * ${probabilityBins}::float8)::int AS bin, count(*) FILTER (WHERE o."referencePresent")::int AS positives, count(*) FILTER (WHERE NOT o."referencePresent")::int AS negatives
      FROM latest l JOIN "Outcome" o ON o."caseId" = l."caseId"
      GROUP BY 1`,
    // A case has an arm only when all its completed reads share one (randomised designs).
    db.$queryRaw<OutcomeRow[]>`
      WITH case_arm AS (
        SELECT r."caseId", min(r.arm::text) AS arm
        FROM "Read" r JOIN "Case" c ON c.id = r."caseId"
        WHERE c."pocId" = ANY(${pocIds}::text[]) AND r.status = 'COMPLETED'
        GROUP BY r."caseId" HAVING count(DISTINCT r.arm) = 1)
      SELECT a.arm, count(*)::int AS cases, count(*) FILTER (WHERE o."repeatExamOrdered")::int AS "repeatExams",
        count(*) FILTER (WHERE o."repeatExamOrdered" AND o."repeatExamAvoidable")::int AS "avoidableRepeatExams",
        count(o."readmitted30d")::int AS "readmissionKnown", count(*) FILTER (WHERE o."readmitted30d")::int AS readmissions,
        count(o.complication)::int AS "complicationKnown", count(*) FILTER (WHERE o.complication)::int AS complications,
        count(o."timeToTreatmentHours")::int AS "tttN", coalesce(sum(o."timeToTreatmentHours"), 0)::float8 AS "tttSum", coalesce(sum(o."timeToTreatmentHours" ^ 2), 0)::float8 AS "tttSumSq",
        count(o."patientSatisfaction")::int AS "satisfactionN", coalesce(sum(o."patientSatisfaction"), 0)::float8 AS "satisfactionSum", coalesce(sum(o."patientSatisfaction" ^ 2), 0)::float8 AS "satisfactionSumSq"
      FROM case_arm a JOIN "Outcome" o ON o."caseId" = a."caseId"
      GROUP BY a.arm`,
    db.$queryRaw<(Omit<FairnessRow, "dimension" | "groupKey"> & { ageBand: string | null; sex: string | null; scannerVendor: string | null; site: string | null; grouping: number })[]>`
      WITH latest AS MATERIALIZED (${latestInference(pocIds)})
      SELECT c."ageBand", c.sex, c."scannerVendor", s.code AS site, GROUPING(c."ageBand", c.sex, c."scannerVendor", s.code)::int AS grouping,
        count(*) FILTER (WHERE o."referencePresent")::int AS positives, count(*) FILTER (WHERE o."referencePresent" AND l.probability >= 0.5)::int AS "truePositives",
        count(*) FILTER (WHERE NOT o."referencePresent")::int AS negatives, count(*) FILTER (WHERE NOT o."referencePresent" AND l.probability < 0.5)::int AS "trueNegatives"
      FROM latest l JOIN "Case" c ON c.id = l."caseId" JOIN "Poc" p ON p.id = c."pocId" JOIN "Site" s ON s.id = p."siteId" JOIN "Outcome" o ON o."caseId" = l."caseId"
      GROUP BY GROUPING SETS ((c."ageBand"), (c.sex), (c."scannerVendor"), (s.code))`,
  ]);

  const moments = (n: number, sum: number, sumOfSquares: number) => ({ n, sum, sumOfSquares });
  const setOf = (row: ReadSetRow) => readSet[row.grouping as keyof typeof readSet];
  const readCells = readSets.filter((row) => setOf(row) === "cells");
  const timeBins: TimeBinRow[] = readSets.filter((row) => (setOf(row) === "logBin" || setOf(row) === "msBin") && (row.logBin ?? row.msBin) !== null).map((row) => ({ arm: row.arm, logBin: setOf(row) === "logBin" ? row.logBin : null, msBin: setOf(row) === "msBin" ? row.msBin : null, count: row.timeN }));
  const breakdownRows: BreakdownRow[] = readSets.flatMap((row) => {
    const dimension = setOf(row);
    if (dimension !== "site" && dimension !== "modality" && dimension !== "reader" && dimension !== "month") return [];
    const { arm, reads, positives, truePositives, negatives, trueNegatives, timeN, timeSum, timeSumSq } = row;
    return [{ dimension, groupKey: row[dimension] ?? "unknown", arm, reads, positives, truePositives, negatives, trueNegatives, timeN, timeSum, timeSumSq }];
  });
  // GROUPING() bit order follows the argument order: ageBand is the highest bit (8), site the lowest (1).
  const fairnessDimension = { 7: "ageBand", 11: "sex", 13: "scannerVendor", 14: "site" } as const;
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
    armTimeBins: timeBins.map((row) => ({ arm: row.arm!, scale: row.logBin !== null ? "log" : "ms", bin: (row.logBin ?? row.msBin)!, count: row.count })),
    pairedTimeBins: pairedBins.map((row) => ({ scale: row.logBin !== null ? "log" : "ms", bin: (row.logBin ?? row.msBin)!, count: row.count })),
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
