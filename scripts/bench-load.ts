// npm run bench:load: `next start` on its own PostgreSQL database, 16 clinicians submitting cases and
// completing reads plus 4 executives loading their home page for BENCH_SECONDS (default 60); prints
// per-endpoint throughput, p50/p95/p99 and errors, then checks every acknowledged submission is in
// the database exactly once. Only 127.0.0.1 is contacted.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { readFileSync, rmSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { postgresDatabaseUrl } from "@/lib/db/adapter";
import { builtActions } from "../tests/access-control/build-endpoints";
import { HttpSession } from "./http-session";

const root = path.resolve(import.meta.dirname, "..");
const seconds = Number(process.env.BENCH_SECONDS ?? 60);
const clinicianCount = Number(process.env.BENCH_CLINICIANS ?? 16);
const executiveCount = Number(process.env.BENCH_EXECUTIVES ?? 4);
const port = Number(process.env.BENCH_PORT ?? 3120);
const adminUrl = process.env.BENCH_POSTGRES_URL ?? process.env.TEST_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const database = "portal_bench_load";
const base = `http://127.0.0.1:${port}`;
const password = "bench load passphrase";
const png = readFileSync(path.join(root, "tests/fixtures/images/gradient-gray16-48x40.png"));
const labs = { wbc: 14.2, crp: 8.1, procalcitonin: 0.9, neutrophilPct: 82, lymphocytePct: 10, ldh: 260, spo2: 91, bodyTemperature: 38.6 };

const databaseUrl = postgresDatabaseUrl(adminUrl, database);
const serverEnv: NodeJS.ProcessEnv = {
  ...process.env,
  NEXT_TELEMETRY_DISABLED: "1",
  NODE_ENV: "production",
  DATABASE_URL: databaseUrl,
  STORAGE_DIR: ".tmp/bench/storage",
  AUTH_SECRET: "bench-load-only-secret-0123456789",
  SEED_DEMO: "always",
  // Twenty sessions sign in from one address in a second: not an attack.
  LOGIN_RATE_LIMIT_PER_ADDRESS: "10000",
};

// ---- measurements ------------------------------------------------------------------------------
type Stat = { latenciesMs: number[]; errors: number; refusals: number };
const stats = new Map<string, Stat>();
function record(endpoint: string, latencyMs: number, outcome: "ok" | "error" | "refused") {
  const stat = stats.get(endpoint) ?? { latenciesMs: [], errors: 0, refusals: 0 };
  stats.set(endpoint, stat);
  stat.latenciesMs.push(latencyMs);
  if (outcome === "error") stat.errors += 1;
  if (outcome === "refused") stat.refusals += 1;
}
function percentile(sorted: number[], p: number) {
  return sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

class Session extends HttpSession {
  constructor() {
    super(base);
  }
  override signIn(email: string) {
    return super.signIn(email, password);
  }
}

async function timed(endpoint: string, run: () => Promise<Response>, classify: (response: Response, body: string) => "ok" | "error" | "refused" = (response) => (response.status < 400 ? "ok" : response.status < 500 ? "refused" : "error")) {
  const started = performance.now();
  try {
    const response = await run();
    const body = await response.text();
    const outcome = classify(response, body);
    record(endpoint, performance.now() - started, outcome);
    return { response, body, outcome };
  } catch {
    record(endpoint, performance.now() - started, "error");
    return null;
  }
}

// Read from the build after main() has (re)built it: a rebuild gives the actions new ids.
let actions: Map<string, ReturnType<typeof builtActions>[number]>;
function actionRequest(session: Session, name: string, input: unknown) {
  const action = actions.get(name)!;
  return session.request(action.pagePath, {
    method: "POST",
    headers: { "next-action": action.id, "content-type": "text/plain;charset=UTF-8", accept: "text/x-component", origin: base },
    body: JSON.stringify([input]),
  });
}
const actionOutcome = (response: Response, body: string) => (response.status >= 500 || /"error":"INTERNAL"/.test(body) ? "error" : body.includes('{"ok":true') ? "ok" : "refused");

// ---- the simulated users -----------------------------------------------------------------------
type Submission = { key: string; pocId: string; acknowledgedCaseId: string | null; attempts: number };
const submissions: Submission[] = [];

async function clinicianLoop(session: Session, pocIds: string[], deadline: number, index: number) {
  let turn = index;
  while (performance.now() < deadline) {
    turn += 1;
    const submission: Submission = { key: randomUUID(), pocId: pocIds[turn % pocIds.length]!, acknowledgedCaseId: null, attempts: 0 };
    submissions.push(submission);
    // A client retries a failed upload with the same idempotency key, as the form does.
    while (submission.acknowledgedCaseId === null && submission.attempts < 3 && performance.now() < deadline) {
      submission.attempts += 1;
      const form = new FormData();
      for (const [key, value] of Object.entries({ mode: "submit", pocId: submission.pocId, idempotencyKey: submission.key, labs: JSON.stringify(labs), note: "Bench note.", noteLanguage: "en", confirmBurnedIn: "true" })) form.set(key, value);
      form.append("files", new Blob([new Uint8Array(png)]), "bench.png");
      const result = await timed("POST /api/cases", () => session.request("/api/cases", { method: "POST", body: form, headers: { origin: base } }));
      if (result?.response.status === 200) submission.acknowledgedCaseId = (JSON.parse(result.body) as { case: { caseId: string } }).case.caseId;
    }
    const worklist = await timed("GET /reading", () => session.request("/reading"));
    const readId = worklist ? /href="\/reading\/([a-z0-9]+)"/.exec(worklist.body)?.[1] : undefined;
    if (!readId) continue;
    const opened = performance.now();
    await timed("GET /reading/[readId]", () => session.request(`/reading/${readId}`));
    const totalMs = Math.max(0, Math.floor(performance.now() - opened) - 5);
    const complete = { readId, finalCall: turn % 2 === 0, confidence: 70, changedAfterAi: false, usefulness: 4, aiOpened: true, totalMs, activeMs: totalMs };
    const completed = await timed("action completeRead", () => actionRequest(session, "completeReadAction", complete), actionOutcome);
    if (completed?.body.includes("READ_FIRST_CALL_REQUIRED")) {
      await timed("action recordFirstCall", () => actionRequest(session, "recordFirstCallAction", { readId, firstCall: true }), actionOutcome);
      await timed("action completeRead", () => actionRequest(session, "completeReadAction", complete), actionOutcome);
    }
  }
}

async function executiveLoop(session: Session, deadline: number, hasDashboard: boolean) {
  while (performance.now() < deadline) {
    await timed("GET / (executive home)", () => session.request("/"));
    if (hasDashboard) await timed("GET /dashboard", () => session.request("/dashboard"));
  }
}

// ---- orchestration -----------------------------------------------------------------------------
function run(command: string, args: string[]) {
  const result = spawnSync(command, args, { cwd: root, stdio: "inherit", env: serverEnv });
  if (result.status !== 0) throw new Error(`${command} ${args.join(" ")} failed`);
}

async function waitForServer() {
  for (let attempt = 0; attempt < 120; attempt++) {
    try {
      if ((await fetch(`${base}/sign-in`)).status === 200) return;
    } catch {
      // not up yet
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error("server did not start");
}

async function main() {
  run("node", ["scripts/build-if-needed.mjs"]);
  actions = new Map(builtActions().map((action) => [action.key.split("#")[1]!, action]));
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${database}`);
  await admin.end();
  rmSync(path.join(root, ".tmp", "bench"), { recursive: true, force: true });
  run("npx", ["--no-install", "tsx", "--conditions=react-server", "scripts/db-migrate.ts"]);
  run("npx", ["--no-install", "tsx", "--conditions=react-server", "scripts/db-seed.ts"]);
  // Bench users through the domain functions (audited like any admin action), before the server starts.
  run("npx", ["--no-install", "tsx", "--conditions=react-server", "scripts/bench-users.ts", String(clinicianCount), String(executiveCount), password]);

  const server: ChildProcess = spawn("node", ["scripts/serve.mjs", "-p", String(port), "-H", "127.0.0.1"], { cwd: root, env: serverEnv, stdio: ["ignore", "ignore", "inherit"], detached: true });
  const stopServer = () => {
    if (server.pid) process.kill(-server.pid, "SIGTERM");
  };
  process.once("SIGINT", () => {
    stopServer();
    process.exit(130);
  });
  try {
    await waitForServer();
    const db = new pg.Client({ connectionString: databaseUrl });
    await db.connect();
    const pocIds = (await db.query<{ id: string }>(`SELECT id FROM "Poc" WHERE status = 'RUNNING' ORDER BY "createdAt"`)).rows.map((row) => row.id);
    const clinicians = await Promise.all(Array.from({ length: clinicianCount }, async (_, index) => {
      const session = new Session();
      await session.signIn(`bench.clinician.${index}@bench.example`);
      return session;
    }));
    const executives = await Promise.all(Array.from({ length: executiveCount }, async (_, index) => {
      const session = new Session();
      await session.signIn(`bench.executive.${index}@bench.example`);
      return session;
    }));
    const hasDashboard = (await executives[0]!.request("/dashboard")).status === 200;

    // Baseline in the same run: the executive home page with the server otherwise idle.
    for (let index = 0; index < 5; index++) await executives[0]!.request("/");
    for (let index = 0; index < 40; index++) await timed("baseline GET / (idle server)", () => executives[0]!.request("/"));

    console.log(`▶ Load: ${clinicianCount} clinicians + ${executiveCount} executives for ${seconds} s against next start on PostgreSQL…`);
    const started = performance.now();
    const deadline = started + seconds * 1000;
    await Promise.all([...clinicians.map((session, index) => clinicianLoop(session, pocIds, deadline, index)), ...executives.map((session) => executiveLoop(session, deadline, hasDashboard))]);
    const elapsedS = (performance.now() - started) / 1000;

    console.log(`\n${"endpoint".padEnd(30)} ${"requests".padStart(8)} ${"req/s".padStart(7)} ${"p50 ms".padStart(8)} ${"p95 ms".padStart(8)} ${"p99 ms".padStart(8)} ${"errors".padStart(6)} ${"refused".padStart(7)}`);
    let totalErrors = 0;
    for (const [endpoint, stat] of stats) {
      const sorted = [...stat.latenciesMs].sort((a, b) => a - b);
      const duration = endpoint.startsWith("baseline") ? sorted.reduce((sum, value) => sum + value, 0) / 1000 : elapsedS;
      if (!endpoint.startsWith("baseline")) totalErrors += stat.errors;
      console.log(`${endpoint.padEnd(30)} ${String(sorted.length).padStart(8)} ${(sorted.length / duration).toFixed(1).padStart(7)} ${percentile(sorted, 50).toFixed(0).padStart(8)} ${percentile(sorted, 95).toFixed(0).padStart(8)} ${percentile(sorted, 99).toFixed(0).padStart(8)} ${String(stat.errors).padStart(6)} ${String(stat.refusals).padStart(7)}`);
    }
    const median = (name: string) => percentile([...stats.get(name)!.latenciesMs].sort((a, b) => a - b), 50);
    console.log(`\nExecutive home p50 under load vs idle baseline (same run): ${(median("GET / (executive home)") / median("baseline GET / (idle server)")).toFixed(2)}×`);

    // Every acknowledged submission exactly once; unacknowledged ones at most once; every case has its images.
    const acknowledged = submissions.filter((submission) => submission.acknowledgedCaseId);
    const counts = new Map((await db.query<{ key: string; n: string; images: string }>(
      `SELECT c."idempotencyKey" AS key, count(DISTINCT c.id) AS n, count(i.id) AS images FROM "Case" c LEFT JOIN "CaseImage" i ON i."caseId" = c.id WHERE c."idempotencyKey" IS NOT NULL GROUP BY c."idempotencyKey"`,
    )).rows.map((row) => [row.key, { cases: Number(row.n), images: Number(row.images) }]));
    const lost = acknowledged.filter((submission) => (counts.get(submission.key)?.cases ?? 0) === 0).length;
    const duplicated = submissions.filter((submission) => (counts.get(submission.key)?.cases ?? 0) > 1).length;
    const withoutImages = [...counts.values()].filter((count) => count.images === 0).length;
    const retried = submissions.filter((submission) => submission.attempts > 1).length;
    // Replaying five acknowledged keys returns the same case, marked duplicate.
    let replayMismatches = 0;
    for (const submission of acknowledged.slice(0, 5)) {
      const form = new FormData();
      for (const [key, value] of Object.entries({ mode: "submit", pocId: submission.pocId, idempotencyKey: submission.key, labs: JSON.stringify(labs), note: "Bench note.", noteLanguage: "en", confirmBurnedIn: "true" })) form.set(key, value);
      form.append("files", new Blob([new Uint8Array(png)]), "bench.png");
      const replay = (await (await clinicians[0]!.request("/api/cases", { method: "POST", body: form, headers: { origin: base } })).json()) as { case?: { caseId: string; duplicate: boolean } };
      if (replay.case?.caseId !== submission.acknowledgedCaseId || !replay.case.duplicate) replayMismatches += 1;
    }
    await db.end();
    console.log(`Submissions: ${submissions.length} sent, ${acknowledged.length} acknowledged, ${retried} retried; lost ${lost}, duplicated ${duplicated}, cases without images ${withoutImages}, replay mismatches ${replayMismatches}/5.`);
    // The KPI roll-ups the concurrent completions kept up to date must equal a rebuild from the cases.
    const rollupsConsistent = spawnSync("npx", ["--no-install", "tsx", "--conditions=react-server", "scripts/kpi-verify.ts"], { cwd: root, stdio: "inherit", env: serverEnv }).status === 0;
    const failed = totalErrors > 0 || lost > 0 || duplicated > 0 || withoutImages > 0 || replayMismatches > 0 || !rollupsConsistent;
    console.log(failed ? "✖ Target missed (0 errors, 0 lost or duplicated records, KPI roll-ups equal a rebuild)." : "✔ 0 errors, 0 lost or duplicated records, KPI roll-ups equal a rebuild.");
    process.exitCode = failed ? 1 : 0;
  } finally {
    stopServer();
  }
}

await main();
