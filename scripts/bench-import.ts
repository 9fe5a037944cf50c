// `npm run bench:import`: PACS import throughput end to end. Starts Orthanc (Debian) on free ports
// with BENCH_STUDIES (200) synthetic studies and a throwaway PostgreSQL database
// (BENCH_POSTGRES_URL, default postgresql://postgres@127.0.0.1:5432/postgres), then in one run:
//   1. the baseline: a raw WADO-RS retrieve of every study (2 at a time), studies/s;
//   2. the import (retrieve, de-identify, case, inference) with 1 and then 2 `npm run worker`
//      processes (JOB_CONCURRENCY=1 each) sharing the pg-boss queue: studies/s, the ratio to the
//      baseline, and each worker's peak resident memory.
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { postgresDatabaseUrl } from "@/lib/db/adapter";
import { createPrismaClient } from "@/lib/db/client";
import { applyMigrations } from "@/lib/db/schema-engine";
import { saveSiteIntegration } from "@/lib/integrations/site-integration";
import { startPacsImport } from "@/lib/integrations/start-import";
import { createPgBossQueue } from "@/lib/jobs/pg-boss-queue";
import { registerReferenceModel } from "@/lib/models/register-reference-model";
import { buildDemoStudies } from "@/lib/pacs/demo-studies";
import { retrieveStudy, storeInstances } from "@/lib/pacs/dicomweb-client";
import { startOrthanc } from "@/lib/pacs/orthanc-process";

const studyCount = Number(process.env.BENCH_STUDIES ?? 200);
const adminUrl = process.env.BENCH_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
process.env.AUTH_SECRET ??= "bench-import-only-secret-0123456789";
process.env.STORAGE_DIR ??= path.join(tmpdir(), `mmfm-bench-import-${randomBytes(4).toString("hex")}`);

const databaseName = `mmfm_bench_import_${randomBytes(4).toString("hex")}`;
const admin = new pg.Client({ connectionString: adminUrl });
await admin.connect();
await admin.query(`CREATE DATABASE ${databaseName}`);
await admin.end();
const databaseUrl = postgresDatabaseUrl(adminUrl, databaseName);
const db = createPrismaClient({ kind: "postgres", url: databaseUrl });
const orthancDir = await mkdtemp(path.join(tmpdir(), "mmfm-bench-orthanc-"));
const orthanc = await startOrthanc({ dataDir: orthancDir, username: "bench", password: "bench-pass" });
const pacs = { baseUrl: orthanc.dicomWebUrl, username: "bench", password: "bench-pass" };
const workers: ChildProcess[] = [];

function peakRssMb(pid: number): number {
  try {
    const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return match ? Number(match[1]) / 1024 : Number.NaN;
  } catch {
    return Number.NaN;
  }
}

async function startWorker(): Promise<ChildProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", "--conditions=react-server", "scripts/worker.ts"], {
    env: { ...process.env, DATABASE_URL: databaseUrl, JOB_CONCURRENCY: "1" },
    stdio: ["ignore", "pipe", "inherit"],
  });
  workers.push(child);
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on("data", (chunk: Buffer) => {
      if (chunk.toString().includes("taking import jobs")) resolve();
    });
    child.once("exit", (code) => reject(new Error(`worker exited with ${code}`)));
  });
  return child;
}

async function stopWorker(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGTERM");
  await exited;
}

try {
  await applyMigrations(db.adapterFactory);
  const studies = buildDemoStudies(studyCount, { seed: "bench-import" });
  for (const study of studies) await storeInstances(pacs, study.instances);

  // Baseline: the PACS side alone, two retrieves at a time (as two workers would).
  const retrieveStarted = performance.now();
  const pending = studies.map((study) => study.studyInstanceUid);
  await Promise.all([0, 1].map(async () => {
    for (let uid = pending.shift(); uid; uid = pending.shift()) await retrieveStudy(pacs, uid);
  }));
  const retrievePerSecond = studyCount / ((performance.now() - retrieveStarted) / 1000);

  const site = await db.site.create({ data: { code: "BENCH", nameEn: "Bench", nameJa: "ベンチ" } });
  const clinician = await db.user.create({ data: { email: "bench@bench.example", name: "Bench", role: "CLINICIAN", passwordHash: "-", sites: { create: [{ siteId: site.id }] } } });
  const model = await registerReferenceModel(db);
  await saveSiteIntegration(db, { id: clinician.id, role: "ADMIN" }, { siteId: site.id, dicomWebUrl: orthanc.dicomWebUrl, dicomWebUsername: "bench", dicomWebPassword: "bench-pass", fhirUrl: "", fhirAuth: "none", fhirUsername: "", fhirSecret: "", labWindowHours: 72 });
  const queue = await createPgBossQueue(databaseUrl);

  const lines = [`bench:import  ${studyCount} synthetic studies from Orthanc ${orthanc.dicomWebUrl.replace(/:\d+/, ":<port>")}, PostgreSQL, Node ${process.version}`];
  lines.push(`  baseline raw WADO-RS retrieve (2 at a time): ${retrievePerSecond.toFixed(1)} studies/s`);
  for (const workerCount of [1, 2]) {
    // A fresh PoC per run, so no study is found already imported.
    const poc = await db.poc.create({ data: { siteId: site.id, modelVersionId: model.id, title: `bench ${workerCount}`, clinicalQuestion: "bench", status: "RUNNING", randomSeed: 1, deidSecret: randomBytes(16).toString("hex") } });
    const running = await Promise.all(Array.from({ length: workerCount }, () => startWorker()));
    const started = performance.now();
    const { jobId } = await startPacsImport(db, queue, { id: clinician.id, role: "CLINICIAN", siteIds: [site.id] }, { pocId: poc.id, studyInstanceUids: studies.map((study) => study.studyInstanceUid), confirmBurnedIn: false });
    let finished = 0;
    while (finished < studyCount) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      finished = await db.importStudy.count({ where: { jobId, status: { in: ["DONE", "FAILED"] } } });
    }
    const seconds = (performance.now() - started) / 1000;
    const failed = await db.importStudy.count({ where: { jobId, status: "FAILED" } });
    const memory = running.map((child) => peakRssMb(child.pid!).toFixed(0)).join(", ");
    await Promise.all(running.map(stopWorker));
    const perSecond = studyCount / seconds;
    lines.push(`  import with ${workerCount} worker${workerCount > 1 ? "s" : " "} (JOB_CONCURRENCY=1 each): ${perSecond.toFixed(1)} studies/s end to end (${seconds.toFixed(1)} s, ${failed} failed), ${(perSecond / retrievePerSecond).toFixed(3)}× the raw retrieve, peak RSS per worker ${memory} MB`);
  }
  await queue.stop();
  console.log(lines.join("\n"));
} finally {
  await Promise.all(workers.map(stopWorker));
  await orthanc.stop();
  await db.closeDatabase();
  const cleanup = new pg.Client({ connectionString: adminUrl });
  await cleanup.connect();
  await cleanup.query(`DROP DATABASE IF EXISTS ${databaseName} WITH (FORCE)`);
  await cleanup.end();
  await rm(orthancDir, { recursive: true, force: true });
  await rm(process.env.STORAGE_DIR!, { recursive: true, force: true });
}
