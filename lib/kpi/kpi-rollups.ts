import "server-only";
import type { Db, Tx } from "@/lib/db/client";
import { Prisma } from "@/lib/db/generated/client";
import { aiThreshold, logTimeBinWidth, msTimeBinWidth, probabilityBins } from "./kpi-aggregates";

// The KPI roll-up tables (prisma/schema.prisma, "KPI roll-ups") hold each PoC's sufficient
// statistics as sums over its cases. A change to a case moves them by (its contribution after) −
// (its contribution before), computed by the same statements that build a PoC from scratch, so the
// incremental path and the rebuild cannot disagree.

/** Bump when a contribution below changes: every PoC is then rebuilt before its next dashboard. */
export const kpiRollupVersion = 2;

// Two-key advisory locks live apart from the audit chain's one-key lock.
const kpiLockClass = 7_301;

/** The cases whose contribution moves: a whole PoC, or some of its cases. */
export type KpiScope = { pocId: string; caseIds?: string[] };

const casesIn = (scope: KpiScope) =>
  scope.caseIds ? Prisma.sql`c."pocId" = ${scope.pocId} AND c.id = ANY(${scope.caseIds}::text[])` : Prisma.sql`c."pocId" = ${scope.pocId}`;

/**
 * The latest successful inference per case (ties broken by id): an anti-join rather than DISTINCT ON,
 * so PostgreSQL hashes instead of sorting a million text keys. Materialised because a planner without
 * statistics (PGlite) would otherwise re-evaluate it per read.
 */
const latestInference = (scope: KpiScope) => Prisma.sql`latest AS MATERIALIZED (
  SELECT i."caseId", i.probability
  FROM "Inference" i JOIN "Case" c ON c.id = i."caseId"
  WHERE ${casesIn(scope)} AND i.status = 'SUCCEEDED' AND i.probability IS NOT NULL
    AND NOT EXISTS (SELECT 1 FROM "Inference" newer WHERE newer."caseId" = i."caseId" AND newer.status = 'SUCCEEDED' AND newer.probability IS NOT NULL
      AND (newer."createdAt", newer.id) > (i."createdAt", i.id)))`;

/**
 * Adds sign × the scope's contribution to all six roll-up tables in one statement (one round trip;
 * the data-modifying CTEs all run, on one snapshot). Callers hold the PoC's lock, and the cells of
 * different PoCs are disjoint, so concurrent writers cannot deadlock on them.
 */
async function addContribution(tx: Tx, scope: KpiScope, sign: 1 | -1) {
  await tx.$executeRaw`
    WITH ${latestInference(scope)},
    completed AS MATERIALIZED (
      SELECT c."pocId", r."caseId", r."readerId", r.arm::text AS arm, r."activeMs", r."finalCall", r."changedAfterAi", r."aiOpened", r.usefulness, c.modality,
        to_char(coalesce(r."endedAt", r."assignedAt"), 'YYYY-MM') AS month, coalesce(o."referencePresent"::int, -1) AS truth
      FROM "Read" r JOIN "Case" c ON c.id = r."caseId" LEFT JOIN "Outcome" o ON o."caseId" = c.id
      WHERE ${casesIn(scope)} AND r.status = 'COMPLETED'),
    read_cells AS (
      INSERT INTO "KpiReadCell" ("pocId", arm, truth, "finalCall", "changedAfterAi", "aiOpened", "aiCall",
        reads, "timeN", "timeSum", "timeSumSq", "usefulnessN", "usefulnessSum", "usefulnessSumSq")
      SELECT r."pocId", r.arm, r.truth, coalesce(r."finalCall"::int, -1), coalesce(r."changedAfterAi"::int, -1),
        coalesce(r."aiOpened"::int, -1), coalesce((l.probability >= ${aiThreshold}::float8)::int, -1),
        ${sign}::int * count(*), ${sign}::int * count(r."activeMs"), ${sign}::int * coalesce(sum(r."activeMs"::numeric), 0), ${sign}::int * coalesce(sum(r."activeMs"::numeric * r."activeMs"), 0),
        ${sign}::int * count(r.usefulness), ${sign}::int * coalesce(sum(r.usefulness::numeric), 0), ${sign}::int * coalesce(sum(r.usefulness::numeric * r.usefulness), 0)
      FROM completed r LEFT JOIN latest l ON l."caseId" = r."caseId"
      GROUP BY 1, 2, 3, 4, 5, 6, 7
      ON CONFLICT ("pocId", arm, truth, "finalCall", "changedAfterAi", "aiOpened", "aiCall") DO UPDATE SET
        reads = "KpiReadCell".reads + excluded.reads, "timeN" = "KpiReadCell"."timeN" + excluded."timeN",
        "timeSum" = "KpiReadCell"."timeSum" + excluded."timeSum", "timeSumSq" = "KpiReadCell"."timeSumSq" + excluded."timeSumSq",
        "usefulnessN" = "KpiReadCell"."usefulnessN" + excluded."usefulnessN", "usefulnessSum" = "KpiReadCell"."usefulnessSum" + excluded."usefulnessSum",
        "usefulnessSumSq" = "KpiReadCell"."usefulnessSumSq" + excluded."usefulnessSumSq"),
    read_groups AS (
      INSERT INTO "KpiReadGroup" ("pocId", dimension, "groupKey", arm, truth, "finalCall", reads, "timeN", "timeSum", "timeSumSq")
      SELECT r."pocId", g.dimension, g.key, r.arm, r.truth, coalesce(r."finalCall"::int, -1),
        ${sign}::int * count(*), ${sign}::int * count(r."activeMs"), ${sign}::int * coalesce(sum(r."activeMs"::numeric), 0), ${sign}::int * coalesce(sum(r."activeMs"::numeric * r."activeMs"), 0)
      FROM completed r CROSS JOIN LATERAL (VALUES ('modality', r.modality), ('reader', r."readerId"), ('month', r.month)) AS g(dimension, key)
      GROUP BY 1, 2, 3, 4, 5, 6
      ON CONFLICT ("pocId", dimension, "groupKey", arm, truth, "finalCall") DO UPDATE SET
        reads = "KpiReadGroup".reads + excluded.reads, "timeN" = "KpiReadGroup"."timeN" + excluded."timeN",
        "timeSum" = "KpiReadGroup"."timeSum" + excluded."timeSum", "timeSumSq" = "KpiReadGroup"."timeSumSq" + excluded."timeSumSq"),
    -- Reading times per arm, and aided − unaided for the same reader and case (crossover pairs).
    pairs AS (
      SELECT "pocId", max("activeMs") FILTER (WHERE arm = 'AIDED') AS aided, max("activeMs") FILTER (WHERE arm = 'UNAIDED') AS unaided
      FROM completed WHERE "activeMs" IS NOT NULL GROUP BY "pocId", "caseId", "readerId"),
    samples AS (
      SELECT "pocId", arm AS series, ln(greatest("activeMs", 1)) AS log_ms, "activeMs"::float8 AS ms FROM completed WHERE "activeMs" IS NOT NULL
      UNION ALL
      SELECT "pocId", 'PAIRED', ln(greatest(aided, 1)) - ln(greatest(unaided, 1)), (aided - unaided)::float8 FROM pairs WHERE aided IS NOT NULL AND unaided IS NOT NULL),
    time_bins AS (
      INSERT INTO "KpiTimeBin" ("pocId", series, scale, bin, count)
      SELECT s."pocId", s.series, v.scale, v.bin, ${sign}::int * count(*)
      FROM samples s CROSS JOIN LATERAL (VALUES ('log', round(s.log_ms / ${logTimeBinWidth}::float8)::int), ('ms', round(s.ms / ${msTimeBinWidth}::float8)::int)) AS v(scale, bin)
      GROUP BY 1, 2, 3, 4
      ON CONFLICT ("pocId", series, scale, bin) DO UPDATE SET count = "KpiTimeBin".count + excluded.count),
    scored AS (
      SELECT c."pocId", l.probability, o."referencePresent" AS truth, c."ageBand", c.sex, c."scannerVendor"
      FROM latest l JOIN "Case" c ON c.id = l."caseId" JOIN "Outcome" o ON o."caseId" = l."caseId"),
    score_bins AS (
      INSERT INTO "KpiScoreBin" ("pocId", bin, truth, cases)
      SELECT "pocId", round(probability * ${probabilityBins}::float8)::int, truth, ${sign}::int * count(*)
      FROM scored GROUP BY 1, 2, 3
      ON CONFLICT ("pocId", bin, truth) DO UPDATE SET cases = "KpiScoreBin".cases + excluded.cases),
    fairness_cells AS (
      INSERT INTO "KpiFairnessCell" ("pocId", "ageBand", sex, "scannerVendor", truth, "aiCall", cases)
      SELECT "pocId", coalesce("ageBand", 'unknown'), coalesce(sex, 'unknown'), coalesce("scannerVendor", 'unknown'), truth, probability >= ${aiThreshold}::float8, ${sign}::int * count(*)
      FROM scored GROUP BY 1, 2, 3, 4, 5, 6
      ON CONFLICT ("pocId", "ageBand", sex, "scannerVendor", truth, "aiCall") DO UPDATE SET cases = "KpiFairnessCell".cases + excluded.cases),
    -- A case has an arm only when all its completed reads share one (randomised designs).
    case_arm AS (
      SELECT "pocId", "caseId", min(arm) AS arm FROM completed GROUP BY "pocId", "caseId" HAVING count(DISTINCT arm) = 1),
    outcome_cells AS (
      INSERT INTO "KpiOutcomeCell" ("pocId", arm, cases, "repeatExams", "avoidableRepeatExams", "readmissionKnown", readmissions, "complicationKnown", complications,
        "tttN", "tttSum", "tttSumSq", "satisfactionN", "satisfactionSum", "satisfactionSumSq")
      SELECT a."pocId", a.arm, ${sign}::int * count(*), ${sign}::int * count(*) FILTER (WHERE o."repeatExamOrdered"),
        ${sign}::int * count(*) FILTER (WHERE o."repeatExamOrdered" AND o."repeatExamAvoidable"),
        ${sign}::int * count(o."readmitted30d"), ${sign}::int * count(*) FILTER (WHERE o."readmitted30d"),
        ${sign}::int * count(o.complication), ${sign}::int * count(*) FILTER (WHERE o.complication),
        ${sign}::int * count(o."timeToTreatmentHours"), ${sign}::int * coalesce(sum(o."timeToTreatmentHours"::numeric), 0),
        ${sign}::int * coalesce(sum(o."timeToTreatmentHours"::numeric * o."timeToTreatmentHours"::numeric), 0),
        ${sign}::int * count(o."patientSatisfaction"), ${sign}::int * coalesce(sum(o."patientSatisfaction"::numeric), 0), ${sign}::int * coalesce(sum(o."patientSatisfaction"::numeric * o."patientSatisfaction"), 0)
      FROM case_arm a JOIN "Outcome" o ON o."caseId" = a."caseId"
      GROUP BY 1, 2
      ON CONFLICT ("pocId", arm) DO UPDATE SET
        cases = "KpiOutcomeCell".cases + excluded.cases, "repeatExams" = "KpiOutcomeCell"."repeatExams" + excluded."repeatExams",
        "avoidableRepeatExams" = "KpiOutcomeCell"."avoidableRepeatExams" + excluded."avoidableRepeatExams",
        "readmissionKnown" = "KpiOutcomeCell"."readmissionKnown" + excluded."readmissionKnown", readmissions = "KpiOutcomeCell".readmissions + excluded.readmissions,
        "complicationKnown" = "KpiOutcomeCell"."complicationKnown" + excluded."complicationKnown", complications = "KpiOutcomeCell".complications + excluded.complications,
        "tttN" = "KpiOutcomeCell"."tttN" + excluded."tttN", "tttSum" = "KpiOutcomeCell"."tttSum" + excluded."tttSum", "tttSumSq" = "KpiOutcomeCell"."tttSumSq" + excluded."tttSumSq",
        "satisfactionN" = "KpiOutcomeCell"."satisfactionN" + excluded."satisfactionN", "satisfactionSum" = "KpiOutcomeCell"."satisfactionSum" + excluded."satisfactionSum",
        "satisfactionSumSq" = "KpiOutcomeCell"."satisfactionSumSq" + excluded."satisfactionSumSq")
    SELECT 1`;
}

/** Serialises every roll-up change of one PoC until the transaction ends. */
export async function lockPocKpis(tx: Tx, pocId: string) {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(${kpiLockClass}::int, hashtext(${pocId}))`;
}

/**
 * Runs `change` (which must only touch the scope's cases) and moves the PoC's roll-ups by the
 * difference it made, in the caller's transaction. Call it before anything else in the transaction
 * that writes to the audit log, so the two locks are always taken in the same order.
 */
export async function updateCaseKpis<T>(tx: Tx, scope: KpiScope, change: () => Promise<T>): Promise<T> {
  await lockPocKpis(tx, scope.pocId);
  await addContribution(tx, scope, -1);
  const result = await change();
  await addContribution(tx, scope, 1);
  return result;
}

/** Recomputes a PoC's roll-ups from its cases (after bulk loads, or when the definitions change). */
export async function rebuildPocKpis(tx: Tx, pocId: string) {
  await lockPocKpis(tx, pocId);
  await tx.$executeRaw`
    WITH read_cells AS (DELETE FROM "KpiReadCell" WHERE "pocId" = ${pocId}), read_groups AS (DELETE FROM "KpiReadGroup" WHERE "pocId" = ${pocId}), time_bins AS (DELETE FROM "KpiTimeBin" WHERE "pocId" = ${pocId}),
      score_bins AS (DELETE FROM "KpiScoreBin" WHERE "pocId" = ${pocId}), fairness_cells AS (DELETE FROM "KpiFairnessCell" WHERE "pocId" = ${pocId})
    DELETE FROM "KpiOutcomeCell" WHERE "pocId" = ${pocId}`;
  await addContribution(tx, { pocId }, 1);
  const state = { version: kpiRollupVersion, builtAt: new Date() };
  await tx.kpiRollupState.upsert({ where: { pocId }, create: { pocId, ...state }, update: state });
}

// A PoC of a million cases rebuilds in about a minute (npm run bench:kpi).
export const rebuildTimeoutMs = 15 * 60_000;

/** Builds the roll-ups of any of these PoCs that has none, or has them from an older definition. */
export async function ensureKpiRollupsCurrent(db: Db, pocIds: string[], onRebuild?: (pocId: string) => void) {
  for (const pocId of pocIds) {
    await db.$transaction(async (tx) => {
      // Checked under the lock: another request may have rebuilt it meanwhile. An unknown id gets no state.
      await lockPocKpis(tx, pocId);
      const poc = await tx.poc.findUnique({ where: { id: pocId }, select: { kpiRollupState: { select: { version: true } } } });
      if (!poc || poc.kpiRollupState?.version === kpiRollupVersion) return;
      onRebuild?.(pocId);
      await rebuildPocKpis(tx, pocId);
    }, { timeout: rebuildTimeoutMs, maxWait: rebuildTimeoutMs });
  }
}
