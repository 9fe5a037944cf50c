// Monitoring and federation benchmark: `npm run bench:monitoring`. In a throwaway PostgreSQL database:
// (1) a deployment with 1,000,000 monitored cases over 24 months, fed through the same roll-up path
// as the observation route; the monitoring figures (drift, performance, charts, calibration, reading
// time) are timed against one hand-written aggregate over the same cells, in the same run;
// (2) a hub with 50 registered sites and their signed bundles: pooling (exact and meta-analysis of
// every effect) is timed against loading the same 50 bundles with one query. BENCH_POSTGRES_URL
// (default postgresql://postgres@127.0.0.1:5432/postgres) names a server where databases may be created.
import { randomBytes } from "node:crypto";
import pg from "pg";
import { postgresDatabaseUrl } from "@/lib/db/adapter";
import { createPrismaClient, type Db } from "@/lib/db/client";
import { applyMigrations } from "@/lib/db/schema-engine";
import type { EvidenceBundle } from "@/lib/federation/bundle-schema";
import { generateSigningKey, serialiseSignedBundle, signBundle } from "@/lib/federation/bundle-signature";
import { canonicalHash } from "@/lib/federation/canonical-json";
import { getFederatedPool } from "@/lib/federation/get-federated-pool";
import { importEvidenceBundle } from "@/lib/federation/import-evidence-bundle";
import { createFederatedStudy, registerFederatedSite } from "@/lib/federation/manage-federation-hub";
import { analysisPlanOf } from "@/lib/federation/analysis-plan";
import { normalDraw, seededRandom } from "@/lib/kpi/seeded-random";
import { cellContributions } from "@/lib/monitoring/cell-contributions";
import { computeMonitoring } from "@/lib/monitoring/compute-monitoring";
import { getMonitoringDashboard } from "@/lib/monitoring/get-monitoring-dashboard";
import { addCells, loadMonitoringCells } from "@/lib/monitoring/record-observations";
import type { MonitoringBaseline, MonitoringObservation } from "@/lib/monitoring/schema";

const adminUrl = process.env.BENCH_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
const totalCases = Number(process.env.BENCH_MONITORING_CASES ?? 1_000_000);
const months = 24;
const siteBundles = 50;
const rounds = 9;
const started = performance.now();
const progress = (message: string) => console.log(`[${((performance.now() - started) / 1000).toFixed(1).padStart(6)} s] ${message}`);
const median = (samples: number[]) => [...samples].sort((a, b) => a - b)[Math.floor(samples.length / 2)]!;

/** Median times of contenders run in turn each round, so drift in machine load hits all alike. */
async function timeInTurn<K extends string>(contenders: Record<K, () => Promise<unknown>>): Promise<Record<K, number>> {
  const entries = Object.entries(contenders) as [K, () => Promise<unknown>][];
  for (const [, run] of entries) await run();
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

const baseline: MonitoringBaseline = {
  modelVersionId: "bench", modelSha256: "b".repeat(64), frozenAt: "2024-12-31T00:00:00.000Z", cases: 10_000,
  inputs: { modality: { CR: 8000, CT: 2000 }, scannerVendor: { "Vendor A": 5000, "Vendor B": 5000 }, ageBand: { "20-39": 2500, "40-59": 2500, "60-79": 2500, "80+": 2500 }, sex: { F: 5000, M: 5000 } },
  labEdges: { crp: [0.5, 1, 1.5, 2, 3, 4, 6, 8, 11] },
  scores: Object.fromEntries(Array.from({ length: 20 }, (_, bin) => [String(bin), 500])),
  positiveRate: { successes: 3500, n: 10_000 }, discordance: { successes: 1000, n: 10_000 }, sensitivity: { successes: 3000, n: 3500 }, specificity: { successes: 5800, n: 6500 },
};

async function seedDeployment(db: Db) {
  const site = await db.site.create({ data: { code: `BENCH-${randomBytes(3).toString("hex")}`, nameEn: "Bench", nameJa: "ベンチ" } });
  const model = await db.modelVersion.create({ data: { name: "bench", version: "1", sha256: "b".repeat(64), storagePath: "x", fileBytes: 1, manifest: {} } });
  const poc = await db.poc.create({ data: { siteId: site.id, modelVersionId: model.id, title: "Bench", clinicalQuestion: "Q", status: "DECIDED", decision: "SCALE", randomSeed: 1, deidSecret: "x" } });
  const deployment = await db.deployment.create({ data: { pocId: poc.id, modelVersionId: model.id, adoptedAt: new Date("2025-01-01T00:00:00Z"), baseline } });
  await db.stopRule.createMany({
    data: [
      { deploymentId: deployment.id, kind: "INPUT_DRIFT", dimension: "scannerVendor", threshold: 0.25, statement: "bench", signedById: "bench", signedAt: new Date() },
      { deploymentId: deployment.id, kind: "DISCORDANCE_CUSUM", threshold: 4, statement: "bench", signedById: "bench", signedAt: new Date() },
    ],
  });
  return deployment.id;
}

/** 1M synthetic observations, a month at a time, through the observation route's own roll-up path. */
async function ingest(db: Db, deploymentId: string) {
  const random = seededRandom(7);
  const perMonth = Math.ceil(totalCases / months);
  let ingested = 0;
  let cells = 0;
  const begin = performance.now();
  for (let month = 0; month < months && ingested < totalCases; month++) {
    const observations: MonitoringObservation[] = [];
    for (let i = 0; i < perMonth && ingested + observations.length < totalCases; i++) {
      const truth = random() < 0.35;
      const aiScore = Math.min(0.99, Math.max(0.01, (truth ? 0.74 : 0.26) + 0.17 * normalDraw(random)));
      observations.push({
        kind: "case", observedAt: new Date(Date.UTC(2025, month, 1 + Math.floor(random() * 28))).toISOString(), modality: random() < 0.8 ? "CR" : "CT",
        scannerVendor: month >= 12 && random() < 0.3 ? "Vendor N" : random() < 0.5 ? "Vendor A" : "Vendor B", scannerModel: `Model ${Math.floor(random() * 6)}`,
        ageBand: (["20-39", "40-59", "60-79", "80+"] as const)[Math.floor(random() * 4)], sex: random() < 0.5 ? "F" : "M", labs: { crp: Math.round(random() * 150) / 10 },
        aiScore, finalCall: random() < 0.9 ? aiScore >= 0.5 : aiScore < 0.5, readMs: Math.round(40_000 + 20_000 * random()), readerExperience: (["junior", "mid", "senior"] as const)[Math.floor(random() * 3)],
        ...(random() < 0.6 ? { referencePresent: truth } : {}),
      });
    }
    const monthCells = cellContributions(observations, { periodLength: "MONTH", adoptedAt: new Date("2025-01-01T00:00:00Z"), labEdges: baseline.labEdges });
    await addCells(db, deploymentId, monthCells);
    ingested += observations.length;
    cells += monthCells.length;
  }
  return { ingested, cells, casesPerSecond: ingested / ((performance.now() - begin) / 1000) };
}

/** The same cells summed per period, dimension and group with one statement written by hand: the like-for-like floor. */
function handWrittenAggregate(db: Db, deploymentId: string) {
  return db.$queryRaw<{ result: unknown }[]>`
    SELECT json_agg(x) AS result FROM (
      SELECT "periodStart", dimension, "groupKey", sum(cases) AS cases, sum("aiPositives") AS ai, sum(discordant) AS d, sum("finalReads") AS f,
        sum("referencePositives") AS rp, sum("referenceNegatives") AS rn, sum("aiTruePositives") AS tp, sum("aiTrueNegatives") AS tn,
        sum("readN") AS rn2, sum("readMsSum")::float8 AS s, sum("readMsSumSq")::float8 AS ss
      FROM "MonitoringCell" WHERE "deploymentId" = ${deploymentId} GROUP BY 1, 2, 3) x`;
}

function syntheticBundle(code: string, keyId: string, random: () => number, plan: ReturnType<typeof analysisPlanOf>): EvidenceBundle {
  const proportion = (p: number, n: number) => ({ suppressed: false as const, successes: Math.round(n * Math.min(0.99, Math.max(0.01, p + 0.05 * normalDraw(random)))), n });
  const arm = (aided: boolean) => {
    const n = 100 + Math.floor(random() * 400);
    const mean = (aided ? 50_000 : 60_000) * (1 + 0.1 * normalDraw(random));
    return {
      reads: 2 * n, sensitivity: proportion(aided ? 0.88 : 0.82, n), specificity: proportion(aided ? 0.9 : 0.88, n),
      readingMs: { suppressed: false as const, n: 2 * n, sum: mean * 2 * n, sumOfSquares: 2 * n * (mean * mean + 15_000 ** 2) },
      logReadingTimeBins: Array.from({ length: 40 }, (_, i) => ({ bin: 2100 + i * 5, count: 5 + Math.floor(random() * 20) })),
      repeatExams: proportion(aided ? 0.08 : 0.12, 2 * n), avoidableRepeatExams: proportion(0.04, 2 * n),
      secondOpinionChanges: aided ? proportion(0.1, 2 * n) : { suppressed: true as const }, readmissions: proportion(0.09, 2 * n), complications: proportion(0.05, 2 * n),
      timeToTreatmentHours: { suppressed: false as const, n, sum: 40 * n, sumOfSquares: n * (1600 + 100) }, patientSatisfaction: { suppressed: false as const, n, sum: 4 * n, sumOfSquares: n * 16.5 },
    };
  };
  return {
    format: "mmfm.evidence-bundle", schemaVersion: 1, site: { code, keyId }, exportedAt: "2026-11-01T00:00:00.000Z", period: { from: null, to: null },
    analysisPlan: plan, model: { name: "bench", version: "1", sha256: "b".repeat(64), manifestHash: canonicalHash({}) }, checklist: [],
    statistics: { arms: { UNAIDED: arm(false), AIDED: arm(true) }, aiStandalone: { sensitivity: proportion(0.85, 300), specificity: proportion(0.87, 500) }, subgroups: [] },
  };
}

async function benchHub(db: Db) {
  const actor = { id: "bench", role: "ADMIN" as const, siteIds: [] };
  const random = seededRandom(11);
  const plan = analysisPlanOf({ readingDesign: "RANDOMISED", aiMode: "CONCURRENT", kpiTargets: [{ kpi: "sensitivityDifference", comparator: "gte", targetValue: -0.02, isPrimary: true }] });
  const bundles: string[] = [];
  for (let index = 0; index < siteBundles; index++) {
    const key = generateSigningKey();
    const code = `SITE-${String(index + 1).padStart(2, "0")}`;
    await registerFederatedSite(db, actor, { code, name: code, publicKeyPem: key.publicKeyPem.trim() });
    bundles.push(serialiseSignedBundle(signBundle(syntheticBundle(code, key.keyId, random, plan), key.privateKeyPem)));
  }
  const study = await createFederatedStudy(db, actor, { title: "Bench study", bundleJson: bundles[0]! });
  const importBegin = performance.now();
  for (const bundle of bundles) await importEvidenceBundle(db, actor, bundle);
  const importMsPerBundle = (performance.now() - importBegin) / bundles.length;
  const times = await timeInTurn({
    poolMs: () => getFederatedPool(db, study.id),
    loadMs: () => db.$queryRaw`SELECT json_agg(b.payload) FROM "FederatedBundle" b WHERE b."studyId" = ${study.id}`,
  });
  const pool = await getFederatedPool(db, study.id);
  return { ...times, importMsPerBundle, sites: pool.bundles.length, sensitivity: pool.pooled.find((p) => p.key === "sensitivityDifference")!.analysis! };
}

const name = `mmfm_bench_${randomBytes(5).toString("hex")}`;
const admin = new pg.Client({ connectionString: adminUrl });
await admin.connect();
await admin.query(`CREATE DATABASE ${name}`);
const lines: string[] = [];
try {
  const db = createPrismaClient({ kind: "postgres", url: postgresDatabaseUrl(adminUrl, name) });
  try {
    await applyMigrations(db.adapterFactory);
    const deploymentId = await seedDeployment(db);
    progress(`ingesting ${totalCases.toLocaleString("en")} monitored cases over ${months} months`);
    const ingested = await ingest(db, deploymentId);
    await db.$executeRaw`ANALYZE`;
    progress(`${ingested.ingested.toLocaleString("en")} cases in ${ingested.cells.toLocaleString("en")} cells (${Math.round(ingested.casesPerSecond).toLocaleString("en")} cases/s through the roll-up path)`);
    const viewer = { role: "ADMIN" as const, siteIds: [] };
    const { figuresMs, dashboardMs, handMs } = await timeInTurn({
      figuresMs: async () => computeMonitoring(baseline, await loadMonitoringCells(db, deploymentId)),
      dashboardMs: () => getMonitoringDashboard(db, viewer, deploymentId),
      handMs: () => handWrittenAggregate(db, deploymentId),
    });
    const figures = computeMonitoring(baseline, await loadMonitoringCells(db, deploymentId));
    const lastVendorPsi = figures.periods.at(-1)!.drift.find((d) => d.dimension === "scannerVendor")!.psi;
    lines.push(
      `bench:monitoring postgres ${ingested.ingested.toLocaleString("en")} cases × ${figures.periods.length} months (${ingested.cells.toLocaleString("en")} cells): monitoring figures ${figuresMs.toFixed(0)} ms, whole dashboard ${dashboardMs.toFixed(0)} ms (median of ${rounds}) = ${(figuresMs / handMs).toFixed(2)}× / ${(dashboardMs / handMs).toFixed(2)}× one hand-written aggregate over the same cells (${handMs.toFixed(0)} ms); ${figuresMs < 1000 ? "under" : "OVER"} 1 s; last month's scanner-vendor PSI ${lastVendorPsi.toFixed(3)}`,
    );
    lines.push(`bench:monitoring ingest: ${Math.round(ingested.casesPerSecond).toLocaleString("en")} cases/s through cellContributions + one upsert per month`);
    progress("hub: registering 50 sites, signing and importing their bundles");
    const hub = await benchHub(db);
    lines.push(
      `bench:monitoring hub ${hub.sites} site bundles: pooling (exact + 5 meta-analyses + ROI range) ${hub.poolMs.toFixed(0)} ms (median of ${rounds}) = ${(hub.poolMs / hub.loadMs).toFixed(2)}× loading the same bundles with one query (${hub.loadMs.toFixed(0)} ms); ${hub.poolMs < 1000 ? "under" : "OVER"} 1 s; import with signature/plan/model/replay checks ${hub.importMsPerBundle.toFixed(1)} ms per bundle; sensitivity difference REML-HK ${hub.sensitivity.reml.hartungKnapp.estimate.toFixed(3)} (${hub.sensitivity.reml.hartungKnapp.lower.toFixed(3)} to ${hub.sensitivity.reml.hartungKnapp.upper.toFixed(3)}), I² ${hub.sensitivity.reml.iSquaredPercent.toFixed(1)} %`,
    );
  } finally {
    await db.closeDatabase();
  }
} finally {
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.end();
}
for (const line of lines) console.log(line);
process.exit(0);
