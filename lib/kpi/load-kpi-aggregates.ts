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

/** The latest successful inference per case of the given PoCs. */
const latestInference = (pocIds: string[]) => Prisma.sql`
  SELECT DISTINCT ON (i."caseId") i."caseId", i.probability
  FROM "Inference" i JOIN "Case" c ON c.id = i."caseId"
  WHERE c."pocId" = ANY(${pocIds}::text[]) AND i.status = 'SUCCEEDED' AND i.probability IS NOT NULL
  ORDER BY i."caseId", i."createdAt" DESC`;

export async function loadKpiAggregates(db: Db, pocIds: string[]): Promise<KpiAggregates & { breakdowns: BreakdownRow[]; fairness: FairnessRow[] }> {
  const [readCells, timeBins, pairedBins, aiScores, outcomes, breakdowns, fairness] = await Promise.all([
    db.$queryRaw<ReadCellRow[]>`
      WITH latest AS (${latestInference(pocIds)})
      SELECT r.arm::text AS arm, o."referencePresent" AS truth, r."finalCall", r."changedAfterAi", r."aiOpened", (l.probability >= 0.5) AS "aiCall",
        count(*)::int AS reads, count(r."activeMs")::int AS "timeN", coalesce(sum(r."activeMs"), 0)::float8 AS "timeSum",
        coalesce(sum(r."activeMs"::float8 * r."activeMs"), 0)::float8 AS "timeSumSq", count(r.usefulness)::int AS "usefulnessN",
        coalesce(sum(r.usefulness), 0)::float8 AS "usefulnessSum", coalesce(sum(r.usefulness * r.usefulness), 0)::float8 AS "usefulnessSumSq"
      FROM "Read" r JOIN "Case" c ON c.id = r."caseId" LEFT JOIN "Outcome" o ON o."caseId" = r."caseId" LEFT JOIN latest l ON l."caseId" = r."caseId"
      WHERE c."pocId" = ANY(${pocIds}::text[]) AND r.status = 'COMPLETED'
      GROUP BY 1, 2, 3, 4, 5, 6`,
    db.$queryRaw<TimeBinRow[]>`
      SELECT r.arm::text AS arm, round(ln(greatest(r."activeMs", 1)) / ${logTimeBinWidth}::float8)::int AS "logBin", round(r."activeMs" / ${msTimeBinWidth}::float8)::int AS "msBin", count(*)::int AS count
      FROM "Read" r JOIN "Case" c ON c.id = r."caseId"
      WHERE c."pocId" = ANY(${pocIds}::text[]) AND r.status = 'COMPLETED' AND r."activeMs" IS NOT NULL
      GROUP BY GROUPING SETS ((r.arm, "logBin"), (r.arm, "msBin"))`,
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
      WITH latest AS (${latestInference(pocIds)})
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
    db.$queryRaw<(Omit<BreakdownRow, "dimension" | "groupKey"> & { site: string | null; modality: string | null; reader: string | null; month: string | null })[]>`
      SELECT r.arm::text AS arm, s.code AS site, c.modality, r."readerId" AS reader, to_char(date_trunc('month', coalesce(r."endedAt", r."assignedAt")), 'YYYY-MM') AS month,
        count(*)::int AS reads, count(*) FILTER (WHERE o."referencePresent")::int AS positives, count(*) FILTER (WHERE o."referencePresent" AND r."finalCall")::int AS "truePositives",
        count(*) FILTER (WHERE NOT o."referencePresent")::int AS negatives, count(*) FILTER (WHERE NOT o."referencePresent" AND NOT r."finalCall")::int AS "trueNegatives",
        count(r."activeMs")::int AS "timeN", coalesce(sum(r."activeMs"), 0)::float8 AS "timeSum", coalesce(sum(r."activeMs"::float8 * r."activeMs"), 0)::float8 AS "timeSumSq"
      FROM "Read" r JOIN "Case" c ON c.id = r."caseId" JOIN "Poc" p ON p.id = c."pocId" JOIN "Site" s ON s.id = p."siteId" LEFT JOIN "Outcome" o ON o."caseId" = r."caseId"
      WHERE c."pocId" = ANY(${pocIds}::text[]) AND r.status = 'COMPLETED'
      GROUP BY GROUPING SETS ((r.arm, s.code), (r.arm, c.modality), (r.arm, r."readerId"), (r.arm, month))`,
    db.$queryRaw<(Omit<FairnessRow, "dimension" | "groupKey"> & { ageBand: string | null; sex: string | null; scannerVendor: string | null; site: string | null; grouping: number })[]>`
      WITH latest AS (${latestInference(pocIds)})
      SELECT c."ageBand", c.sex, c."scannerVendor", s.code AS site, GROUPING(c."ageBand", c.sex, c."scannerVendor", s.code)::int AS grouping,
        count(*) FILTER (WHERE o."referencePresent")::int AS positives, count(*) FILTER (WHERE o."referencePresent" AND l.probability >= 0.5)::int AS "truePositives",
        count(*) FILTER (WHERE NOT o."referencePresent")::int AS negatives, count(*) FILTER (WHERE NOT o."referencePresent" AND l.probability < 0.5)::int AS "trueNegatives"
      FROM latest l JOIN "Case" c ON c.id = l."caseId" JOIN "Poc" p ON p.id = c."pocId" JOIN "Site" s ON s.id = p."siteId" JOIN "Outcome" o ON o."caseId" = l."caseId"
      GROUP BY GROUPING SETS ((c."ageBand"), (c.sex), (c."scannerVendor"), (s.code))`,
  ]);

  const moments = (n: number, sum: number, sumOfSquares: number) => ({ n, sum, sumOfSquares });
  const breakdownRows: BreakdownRow[] = breakdowns.map(({ site, modality, reader, month, ...row }) => {
    const [dimension, groupKey] = site !== null ? (["site", site] as const) : modality !== null ? (["modality", modality] as const) : reader !== null ? (["reader", reader] as const) : (["month", month ?? "?"] as const);
    return { ...row, dimension, groupKey };
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
