// KPI dashboard benchmark: `npm run bench:kpi`. Generates synthetic PoC data (100k and 1M cases with
// two reads, an inference and an outcome each) with set-based SQL in a throwaway PostgreSQL database
// (and 100k in an in-memory PGlite), builds the KPI roll-ups from scratch, then times the dashboard's
// data function against the same aggregates written as one hand-written SQL query over the same
// roll-ups (the like-for-like baseline), and against recomputing them from the base tables without
// roll-ups. It also times the write path the roll-ups add to. BENCH_POSTGRES_URL (default
// postgresql://postgres@127.0.0.1:5432/postgres) names a server where databases may be created.
import { randomBytes } from "node:crypto";
import pg from "pg";
import { createPrismaClient, type Db } from "@/lib/db/client";
import { postgresDatabaseUrl, type DatabaseTarget } from "@/lib/db/adapter";
import { applyMigrations } from "@/lib/db/schema-engine";
import { getKpiDashboard } from "@/lib/kpi/get-kpi-dashboard";
import { loadKpiAggregates } from "@/lib/kpi/load-kpi-aggregates";
import { ensureKpiRollupsCurrent, updateCaseKpis } from "@/lib/kpi/kpi-rollups";
import { logTimeBinWidth, msTimeBinWidth, probabilityBins } from "@/lib/kpi/kpi-aggregates";
import { casesNeeded } from "@/lib/kpi/cases-needed";
import { exactHodgesLehmannTwoSample } from "@/lib/kpi/exact-hodges-lehmann";
import { loadMrmcReads } from "@/lib/kpi/load-mrmc-reads";
import { analyseReaderStudy } from "@/lib/stats/analyse-reader-study";

const adminUrl = process.env.BENCH_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
const readerCount = 20;
const started = performance.now();
const progress = (message: string) => console.log(`[${((performance.now() - started) / 1000).toFixed(1).padStart(6)} s] ${message}`);

async function seedBase(db: Db) {
  const site = await db.site.create({ data: { code: `BENCH-${randomBytes(3).toString("hex")}`, nameEn: "Bench hospital", nameJa: "ベンチ病院" } });
  await db.user.createMany({ data: Array.from({ length: readerCount }, (_, index) => ({ id: `bench-reader-${index}`, email: `bench-${index}@bench.example`, name: `Bench reader ${index}`, role: "CLINICIAN" as const, passwordHash: "!" })) });
  const model = await db.modelVersion.create({ data: { name: "bench", version: "1", sha256: randomBytes(32).toString("hex"), storagePath: "x", fileBytes: 1, manifest: {} } });
  const poc = await db.poc.create({
    data: {
      siteId: site.id, modelVersionId: model.id, title: "Bench PoC", clinicalQuestion: "Q", status: "EVALUATING", randomSeed: 1, deidSecret: "x",
      kpiTargets: { create: [{ kpi: "readingTimeRelativeChange", comparator: "lte", targetValue: -0.2, unit: "ratio", isPrimary: true }, { kpi: "sensitivityDifference", comparator: "gte", targetValue: -0.02, unit: "ratio" }] },
    },
  });
  return { siteId: site.id, pocId: poc.id, modelId: model.id };
}

/** Set-based generation: one INSERT … SELECT generate_series per table, in batches so progress shows. */
async function generate(db: Db, ids: { pocId: string; modelId: string }, cases: number) {
  await db.$executeRaw`SELECT setseed(0.42)`;
  const batch = 250_000;
  for (let from = 1; from <= cases; from += batch) {
    const to = Math.min(cases, from + batch - 1);
    // truth ≈ 35% prevalence and the arm, both from a multiplicative hash of i so they are reproducible.
    await db.$executeRaw`
      INSERT INTO "Case" (id, "pocId", code, modality, "labValues", "noteText", "noteLanguage", "deidSummary", "ageBand", sex, "scannerVendor", "createdById", "createdAt")
      SELECT 'bc' || i, ${ids.pocId}, 'B-' || i, CASE WHEN i % 5 = 0 THEN 'CT' ELSE 'CR' END, '{}'::jsonb, '', 'en', '{}'::jsonb,
        (ARRAY['20-39','40-59','60-79','80+'])[1 + i % 4], CASE WHEN i % 2 = 0 THEN 'F' ELSE 'M' END, (ARRAY['Vendor A','Vendor B','Vendor C'])[1 + i % 3],
        'bench-reader-0', timestamp '2025-01-01' + (i % 365) * interval '1 day'
      FROM generate_series(${from}::int, ${to}::int) AS i`;
    await db.$executeRaw`
      INSERT INTO "Inference" (id, "caseId", "modelVersionId", status, probability, "createdAt")
      SELECT 'bi' || i, 'bc' || i, ${ids.modelId}, 'SUCCEEDED'::"InferenceStatus",
        least(0.99, greatest(0.01, CASE WHEN (i::bigint * 2654435761) % 1000 < 350 THEN 0.74 ELSE 0.26 END + 0.17 * sqrt(-2 * ln(1 - random())) * cos(2 * pi() * random()))),
        timestamp '2025-01-01' + (i % 365) * interval '1 day'
      FROM generate_series(${from}::int, ${to}::int) AS i`;
    await db.$executeRaw`
      INSERT INTO "Read" (id, "caseId", "readerId", arm, period, status, "assignedAt", "availableFrom", "startedAt", "endedAt", "totalMs", "activeMs", "finalCall", confidence, "changedAfterAi", usefulness, "aiOpened")
      SELECT 'br' || i || '-' || k, 'bc' || i, 'bench-reader-' || ((i + k) % ${readerCount}::int), CASE WHEN s.aided THEN 'AIDED' ELSE 'UNAIDED' END::"ReadArm", 1, 'COMPLETED'::"ReadStatus",
        s.at, s.at, s.at, s.at + interval '2 minutes', s.ms + 5000, s.ms,
        CASE WHEN s.truth THEN random() < CASE WHEN s.aided THEN 0.88 ELSE 0.8 END ELSE random() < CASE WHEN s.aided THEN 0.1 ELSE 0.12 END END,
        50 + floor(random() * 50)::int, CASE WHEN s.aided THEN random() < 0.1 END, CASE WHEN s.aided THEN 2 + floor(random() * 4)::int END, CASE WHEN s.aided THEN random() < 0.9 END
      FROM generate_series(${from}::int, ${to}::int) AS i CROSS JOIN generate_series(0, 1) AS k,
        LATERAL (SELECT (i::bigint * 2654435761) % 1000 < 350 AS truth, (i::bigint * 40503) % 7 < 4 AS aided, timestamp '2025-01-01' + (i % 365) * interval '1 day' + k * interval '1 hour' AS at,
          round(exp(ln(CASE WHEN (i::bigint * 40503) % 7 < 4 THEN 60000 ELSE 75000 END) + 0.35 * sqrt(-2 * ln(1 - random())) * cos(2 * pi() * random())))::int AS ms) AS s`;
    await db.$executeRaw`
      INSERT INTO "Outcome" (id, "caseId", "referencePresent", "referenceSource", "repeatExamOrdered", "repeatExamAvoidable", "timeToTreatmentHours", "readmitted30d", complication, "patientSatisfaction", "recordedById", "recordedAt", "updatedAt")
      SELECT 'bo' || i, 'bc' || i, s.truth, 'PATHOLOGY', s.repeat, CASE WHEN s.repeat THEN random() < 0.5 END,
        CASE WHEN s.truth THEN 24 + 48 * random() END, random() < 0.09, random() < 0.05, 3 + floor(random() * 3)::int, 'bench-reader-0', now(), now()
      FROM generate_series(${from}::int, ${to}::int) AS i, LATERAL (SELECT (i::bigint * 2654435761) % 1000 < 350 AS truth, random() < 0.1 AS repeat) AS s`;
    progress(`  generated cases ${from.toLocaleString("en")}–${to.toLocaleString("en")} (with reads, inferences, outcomes)`);
  }
  await db.$executeRaw`ANALYZE`;
}

/** The aggregates lib/kpi/load-kpi-aggregates.ts reads from the roll-ups, as one statement written by hand. */
function handWrittenRollupQuery(db: Db, pocId: string) {
  return db.$queryRaw<{ result: unknown }[]>`
    SELECT json_build_object(
      'cells', (SELECT json_agg(x) FROM (SELECT k.arm, k.truth, k."finalCall", k."changedAfterAi", k."aiOpened", k."aiCall", s.code, sum(k.reads), sum(k."timeN"), sum(k."timeSum"), sum(k."timeSumSq"), sum(k."usefulnessN"), sum(k."usefulnessSum"), sum(k."usefulnessSumSq"),
         sum(k.reads) FILTER (WHERE k.truth = 1), sum(k.reads) FILTER (WHERE k.truth = 1 AND k."finalCall" = 1), sum(k.reads) FILTER (WHERE k.truth = 0), sum(k.reads) FILTER (WHERE k.truth = 0 AND k."finalCall" = 0)
         FROM "KpiReadCell" k JOIN "Poc" p ON p.id = k."pocId" JOIN "Site" s ON s.id = p."siteId" WHERE k."pocId" = ${pocId}
         GROUP BY GROUPING SETS ((k.arm, k.truth, k."finalCall", k."changedAfterAi", k."aiOpened", k."aiCall"), (k.arm, s.code)) HAVING sum(k.reads) > 0) x),
      'breakdowns', (SELECT json_agg(x) FROM (SELECT dimension, "groupKey", arm, sum(reads), sum(reads) FILTER (WHERE truth = 1), sum(reads) FILTER (WHERE truth = 1 AND "finalCall" = 1), sum(reads) FILTER (WHERE truth = 0), sum(reads) FILTER (WHERE truth = 0 AND "finalCall" = 0), sum("timeN"), sum("timeSum"), sum("timeSumSq")
         FROM "KpiReadGroup" WHERE "pocId" = ${pocId} GROUP BY 1, 2, 3 HAVING sum(reads) > 0) x),
      'bins', (SELECT json_agg(x) FROM (SELECT series, scale, bin, sum(count) FROM "KpiTimeBin" WHERE "pocId" = ${pocId} GROUP BY 1, 2, 3 HAVING sum(count) > 0) x),
      'ai', (SELECT json_agg(x) FROM (SELECT bin, sum(cases) FILTER (WHERE truth), sum(cases) FILTER (WHERE NOT truth) FROM "KpiScoreBin" WHERE "pocId" = ${pocId} GROUP BY 1 HAVING sum(cases) > 0) x),
      'outcomes', (SELECT json_agg(x) FROM "KpiOutcomeCell" x WHERE "pocId" = ${pocId} AND cases > 0),
      'fairness', (SELECT json_agg(x) FROM (SELECT f."ageBand", f.sex, f."scannerVendor", s.code, sum(f.cases) FILTER (WHERE f.truth), sum(f.cases) FILTER (WHERE f.truth AND f."aiCall"), sum(f.cases) FILTER (WHERE NOT f.truth), sum(f.cases) FILTER (WHERE NOT f.truth AND NOT f."aiCall")
         FROM "KpiFairnessCell" f JOIN "Poc" p ON p.id = f."pocId" JOIN "Site" s ON s.id = p."siteId" WHERE f."pocId" = ${pocId}
         GROUP BY GROUPING SETS ((f."ageBand"), (f.sex), (f."scannerVendor"), (s.code)) HAVING sum(f.cases) > 0) x)
    ) AS result`;
}

/** The same sufficient statistics recomputed from the base tables, as one statement written by hand. */
function handWrittenFullScanQuery(db: Db, pocId: string) {
  return db.$queryRaw<{ result: unknown }[]>`
    WITH latest AS (
      SELECT DISTINCT ON (i."caseId") i."caseId", i.probability FROM "Inference" i JOIN "Case" c ON c.id = i."caseId"
      WHERE c."pocId" = ${pocId} AND i.status = 'SUCCEEDED' AND i.probability IS NOT NULL ORDER BY i."caseId", i."createdAt" DESC),
    base AS MATERIALIZED (
      SELECT r."caseId", r."readerId", r.arm::text AS arm, r."activeMs", r."finalCall", r."changedAfterAi", r."aiOpened", r.usefulness, c.modality, c."ageBand", c.sex, c."scannerVendor",
        to_char(date_trunc('month', coalesce(r."endedAt", r."assignedAt")), 'YYYY-MM') AS month, o."referencePresent" AS truth, l.probability
      FROM "Read" r JOIN "Case" c ON c.id = r."caseId" LEFT JOIN "Outcome" o ON o."caseId" = r."caseId" LEFT JOIN latest l ON l."caseId" = r."caseId"
      WHERE c."pocId" = ${pocId} AND r.status = 'COMPLETED')
    SELECT json_build_object(
      'cells', (SELECT json_agg(x) FROM (SELECT arm, truth, "finalCall", "changedAfterAi", "aiOpened", probability >= 0.5 AS ai, count(*), sum("activeMs"), sum("activeMs"::float8 * "activeMs"), count(usefulness), sum(usefulness), sum(usefulness * usefulness) FROM base GROUP BY 1, 2, 3, 4, 5, 6) x),
      'bins', (SELECT json_agg(x) FROM (SELECT arm, round(ln(greatest("activeMs", 1)) / ${logTimeBinWidth}::float8) AS lb, round("activeMs" / ${msTimeBinWidth}::float8) AS mb, count(*) FROM base WHERE "activeMs" IS NOT NULL GROUP BY GROUPING SETS ((arm, lb), (arm, mb))) x),
      'paired', (SELECT json_agg(x) FROM (SELECT round((ln(greatest(a, 1)) - ln(greatest(u, 1))) / ${logTimeBinWidth}::float8) AS lb, round((a - u) / ${msTimeBinWidth}::float8) AS mb, count(*)
         FROM (SELECT max("activeMs") FILTER (WHERE arm = 'AIDED') a, max("activeMs") FILTER (WHERE arm = 'UNAIDED') u FROM base GROUP BY "caseId", "readerId") p WHERE a IS NOT NULL AND u IS NOT NULL GROUP BY GROUPING SETS ((lb), (mb))) x),
      'ai', (SELECT json_agg(x) FROM (SELECT round(l.probability * ${probabilityBins}::float8) AS bin, count(*) FILTER (WHERE o."referencePresent"), count(*) FILTER (WHERE NOT o."referencePresent") FROM latest l JOIN "Outcome" o ON o."caseId" = l."caseId" GROUP BY 1) x),
      'outcomes', (SELECT json_agg(x) FROM (SELECT a.arm, count(*), count(*) FILTER (WHERE o."repeatExamOrdered"), count(*) FILTER (WHERE o."repeatExamOrdered" AND o."repeatExamAvoidable"), count(o."readmitted30d"), count(*) FILTER (WHERE o."readmitted30d"),
         count(o.complication), count(*) FILTER (WHERE o.complication), count(o."timeToTreatmentHours"), sum(o."timeToTreatmentHours"), sum(o."timeToTreatmentHours" ^ 2), count(o."patientSatisfaction"), sum(o."patientSatisfaction"), sum(o."patientSatisfaction" ^ 2)
         FROM (SELECT "caseId", min(arm) AS arm FROM base GROUP BY "caseId" HAVING count(DISTINCT arm) = 1) a JOIN "Outcome" o ON o."caseId" = a."caseId" GROUP BY a.arm) x),
      'breakdowns', (SELECT json_agg(x) FROM (SELECT arm, modality, "readerId", month, count(*), count(*) FILTER (WHERE truth), count(*) FILTER (WHERE truth AND "finalCall"), count(*) FILTER (WHERE NOT truth), count(*) FILTER (WHERE NOT truth AND NOT "finalCall"), count("activeMs"), sum("activeMs"), sum("activeMs"::float8 * "activeMs")
         FROM base GROUP BY GROUPING SETS ((arm), (arm, modality), (arm, "readerId"), (arm, month))) x),
      'fairness', (SELECT json_agg(x) FROM (SELECT c."ageBand", c.sex, c."scannerVendor", count(*) FILTER (WHERE o."referencePresent"), count(*) FILTER (WHERE o."referencePresent" AND l.probability >= 0.5), count(*) FILTER (WHERE NOT o."referencePresent"), count(*) FILTER (WHERE NOT o."referencePresent" AND l.probability < 0.5)
         FROM latest l JOIN "Case" c ON c.id = l."caseId" JOIN "Outcome" o ON o."caseId" = l."caseId" GROUP BY GROUPING SETS ((c."ageBand"), (c.sex), (c."scannerVendor"), ())) x)
    ) AS result`;
}

const median = (samples: number[]) => samples.sort((a, b) => a - b)[Math.floor(samples.length / 2)]!;

/** Median times of several contenders, run in turn each round so drift in machine load hits all alike. */
async function timeInTurn<K extends string>(rounds: number, contenders: Record<K, () => Promise<unknown>>): Promise<Record<K, number>> {
  const entries = Object.entries(contenders) as [K, () => Promise<unknown>][];
  for (const [, run] of entries) await run(); // plans, caches, JIT
  const samples = Object.fromEntries(entries.map(([name]) => [name, [] as number[]])) as Record<K, number[]>;
  for (let round = 0; round < rounds; round++) {
    for (const [name, run] of entries) {
      const begin = performance.now();
      await run();
      samples[name].push(performance.now() - begin);
    }
  }
  return Object.fromEntries(entries.map(([name]) => [name, median(samples[name])])) as Record<K, number>;
}

/** One outcome correction (the reference standard flips), as recordOutcome makes it, with or without the roll-up update. */
async function timeOutcomeCorrections(db: Db, pocId: string, withRollups: boolean, cases: number) {
  const samples: number[] = [];
  for (let index = 0; index < 40; index++) {
    const caseId = `bc${1 + ((index * 7919) % cases)}`;
    const flip = (tx: Parameters<Parameters<Db["$transaction"]>[0]>[0]) => tx.$executeRaw`UPDATE "Outcome" SET "referencePresent" = NOT "referencePresent" WHERE "caseId" = ${caseId}`;
    const begin = performance.now();
    await db.$transaction((tx) => (withRollups ? updateCaseKpis(tx, { pocId, caseIds: [caseId] }, () => flip(tx)) : flip(tx)));
    samples.push(performance.now() - begin);
  }
  return median(samples);
}

type Result = { dashboardMs: number; loadMs: number; rollupMs: number; fullScanMs: number; rebuildMs: number; plainWriteMs: number; rollupWriteMs: number; mrmcMs: number; exactness: string };

/**
 * The dashboard's reading-time figures (on the roll-ups' grid) against Hodges–Lehmann computed exactly on
 * every raw reading time: the largest relative deviation, cases still needed included (issue 12 §3: ≤ 1%).
 */
async function exactnessCheck(db: Db, pocId: string, kpis: Awaited<ReturnType<typeof getKpiDashboard>>["kpis"]) {
  const [row] = await db.$queryRaw<[{ aided: number[]; unaided: number[] }]>`
    SELECT array_agg(r."activeMs") FILTER (WHERE r.arm = 'AIDED') AS aided, array_agg(r."activeMs") FILTER (WHERE r.arm = 'UNAIDED') AS unaided
    FROM "Read" r JOIN "Case" c ON c.id = r."caseId" WHERE c."pocId" = ${pocId} AND r.status = 'COMPLETED' AND r."activeMs" IS NOT NULL`;
  const log = (values: number[]) => values.map((value) => Math.log(Math.max(value, 1)));
  const exactLog = exactHodgesLehmannTwoSample(log(row.aided), log(row.unaided));
  const exactMs = exactHodgesLehmannTwoSample(row.aided, row.unaided);
  const relative = (value: number | null) => Math.exp(value!) - 1;
  const time = kpis.find((kpi) => kpi.key === "readingTimeRelativeChange")!;
  const ms = kpis.find((kpi) => kpi.key === "readingTimeMedianDifferenceMs")!;
  const exactTime = { estimate: relative(exactLog.estimate), lower: relative(exactLog.lower), upper: relative(exactLog.upper) };
  const deviation = (shown: number | null, exact: number | null) => Math.abs(shown! / exact! - 1);
  const neededExact = casesNeeded({ ...exactTime, n: time.n, target: -0.2 }).requiredN!;
  const neededShown = casesNeeded({ estimate: time.estimate, lower: time.lower, upper: time.upper, n: time.n, target: -0.2 }).requiredN!;
  const worst = Math.max(
    deviation(time.estimate, exactTime.estimate), deviation(time.lower, exactTime.lower), deviation(time.upper, exactTime.upper),
    deviation(ms.estimate, exactMs.estimate), deviation(ms.lower, exactMs.lower), deviation(ms.upper, exactMs.upper), deviation(neededShown, neededExact),
  );
  return `reading-time change ${(time.estimate! * 100).toFixed(3)}% vs exact ${(exactTime.estimate * 100).toFixed(3)}%; median shift ${ms.estimate} ms vs exact ${exactMs.estimate!.toFixed(1)} ms; cases needed for −20% ${neededShown} vs exact ${neededExact}; largest relative deviation ${(worst * 100).toFixed(3)}% (limit 1%)`;
}

async function benchmark(label: string, target: DatabaseTarget, cases: number, rounds: number): Promise<Result> {
  const db = createPrismaClient(target);
  try {
    await applyMigrations(db.adapterFactory);
    const ids = await seedBase(db);
    progress(`${label}: generating ${cases.toLocaleString("en")} cases`);
    await generate(db, ids, cases);
    const rebuildStarted = performance.now();
    await ensureKpiRollupsCurrent(db, [ids.pocId], () => progress(`${label}: building the KPI roll-ups from scratch`));
    const rebuildMs = performance.now() - rebuildStarted;
    await db.$executeRaw`ANALYZE`;
    const viewer = { role: "ADMIN" as const, siteIds: [] };
    const dashboard = await getKpiDashboard(db, viewer, ids.pocId);
    const primary = dashboard.kpis.find((kpi) => kpi.key === "readingTimeRelativeChange")!;
    progress(`${label}: roll-ups built in ${(rebuildMs / 1000).toFixed(1)} s; ${dashboard.totalReads.toLocaleString("en")} reads; reading-time change ${(primary.estimate! * 100).toFixed(1)}% (95% CI ${(primary.lower! * 100).toFixed(1)} to ${(primary.upper! * 100).toFixed(1)})`);
    const { dashboardMs, loadMs, rollupMs } = await timeInTurn(rounds, {
      dashboardMs: () => getKpiDashboard(db, viewer, ids.pocId),
      loadMs: () => loadKpiAggregates(db, [ids.pocId]),
      rollupMs: () => handWrittenRollupQuery(db, ids.pocId),
    });
    progress(`${label}: reader-study (MRMC) analysis from every read, cold`);
    const mrmcStarted = performance.now();
    analyseReaderStudy(await loadMrmcReads(db, ids.pocId));
    const mrmcMs = performance.now() - mrmcStarted;
    progress(`${label}: reading-time figures against exact Hodges–Lehmann on the raw times`);
    const exactness = await exactnessCheck(db, ids.pocId, dashboard.kpis);
    progress(`${label}: recomputing from the base tables without roll-ups`);
    const fullScanStarted = performance.now();
    await handWrittenFullScanQuery(db, ids.pocId);
    const fullScanMs = performance.now() - fullScanStarted;
    progress(`${label}: timing outcome corrections (40 each way)`);
    const plainWriteMs = await timeOutcomeCorrections(db, ids.pocId, false, cases);
    const rollupWriteMs = await timeOutcomeCorrections(db, ids.pocId, true, cases);
    return { dashboardMs, loadMs, rollupMs, fullScanMs, rebuildMs, plainWriteMs, rollupWriteMs, mrmcMs, exactness };
  } finally {
    await db.closeDatabase();
  }
}

async function withPostgresDatabase<T>(run: (target: DatabaseTarget) => Promise<T>): Promise<T> {
  const name = `mmfm_bench_${randomBytes(5).toString("hex")}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  try {
    return await run({ kind: "postgres", url: postgresDatabaseUrl(adminUrl, name) });
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
    progress(`dropped ${name}`);
  }
}

const lines: string[] = [];
const report = (label: string, result: Result) => {
  const rows = [
    `dashboard data ${label}: loadKpiAggregates ${result.loadMs.toFixed(1)} ms; hand-written SQL over the same roll-ups ${result.rollupMs.toFixed(1)} ms; ratio ${(result.loadMs / result.rollupMs).toFixed(2)}`,
    `  whole getKpiDashboard (PoC, roll-ups, every KPI with its interval, breakdowns): ${result.dashboardMs.toFixed(1)} ms; ratio to the hand-written SQL ${(result.dashboardMs / result.rollupMs).toFixed(2)}`,
    `  without roll-ups (hand-written, from the base tables): ${Math.round(result.fullScanMs)} ms, ${(result.fullScanMs / result.dashboardMs).toFixed(0)}x the dashboard; roll-up rebuild from scratch: ${(result.rebuildMs / 1000).toFixed(1)} s`,
    `  outcome correction (one case, p50 of 40): ${result.plainWriteMs.toFixed(2)} ms plain, ${result.rollupWriteMs.toFixed(2)} ms with the roll-up update; ratio ${(result.rollupWriteMs / result.plainWriteMs).toFixed(2)}`,
    `  reader-study (Obuchowski–Rockette) analysis, cold (every read loaded; cached per PoC until reads change): ${Math.round(result.mrmcMs)} ms, ${(result.mrmcMs / result.dashboardMs).toFixed(1)}x the warm dashboard`,
    `  exactness: ${result.exactness}`,
  ];
  lines.push(...rows);
  for (const row of rows) console.log(row);
};

try {
  report("100k cases (PostgreSQL)", await withPostgresDatabase((target) => benchmark("PostgreSQL 100k", target, 100_000, 15)));
  report("1M cases (PostgreSQL)", await withPostgresDatabase((target) => benchmark("PostgreSQL 1M", target, 1_000_000, 15)));
  report("100k cases (PGlite)", await benchmark("PGlite 100k", { kind: "pglite", dataDir: "memory://" }, 100_000, 15));
  console.log(`\nSummary (medians of 15 rounds, the contenders in turn, after one warm-up each; one full-scan run; total ${((performance.now() - started) / 1000).toFixed(0)} s):`);
  for (const line of lines) console.log(`  ${line}`);
} catch (error) {
  console.error("Benchmark failed:", error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  process.exit();
}
