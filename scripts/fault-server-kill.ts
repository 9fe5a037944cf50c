// npm run fault:kill — the server SIGKILLed in the middle of case submissions, on PGlite:
// after a restart no case lacks its images, no stored image file is unreferenced once the clients
// retry, every acknowledged case survived (PGlite keeps committed writes through kill -9), and a
// retry with the same idempotency key yields exactly one case. Prints PASS/FAIL; exit 1 on FAIL.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { existsSync, readdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { HttpSession } from "./http-session";

const root = path.resolve(import.meta.dirname, "..");
const port = Number(process.env.FAULT_PORT ?? 3130);
const base = `http://127.0.0.1:${port}`;
const work = path.join(root, ".tmp", "fault-kill");
const password = "fault test passphrase";
const clinicians = 4;
const submissionsPerClinician = 6;
const dicom = readFileSync(path.join(root, "tests/fixtures/dicom/CT_small.dcm"));
const labs = { wbc: 14.2, crp: 8.1, procalcitonin: 0.9, neutrophilPct: 82, lymphocytePct: 10, ldh: 260, spo2: 91, bodyTemperature: 38.6 };
const env: NodeJS.ProcessEnv = {
  ...process.env,
  NODE_ENV: "production",
  NEXT_TELEMETRY_DISABLED: "1",
  DATABASE_URL: "",
  PGLITE_DATA_DIR: path.join(work, "pglite"),
  STORAGE_DIR: path.join(work, "storage"),
  AUTH_SECRET: "fault-test-only-secret-0123456789",
  SEED_DEMO: "always",
  LOGIN_RATE_LIMIT_PER_ADDRESS: "10000",
};

const results: { check: string; pass: boolean; detail: string }[] = [];
const check = (name: string, pass: boolean, detail: string) => results.push({ check: name, pass, detail });

function run(command: string, args: string[]) {
  if (spawnSync(command, args, { cwd: root, stdio: "inherit", env }).status !== 0) throw new Error(`${command} ${args.join(" ")} failed`);
}

function startServer(): ChildProcess {
  return spawn("node", ["scripts/serve.mjs", "-p", String(port), "-H", "127.0.0.1"], { cwd: root, env, stdio: ["ignore", "ignore", "inherit"], detached: true });
}

async function waitForServer() {
  for (let attempt = 0; attempt < 120; attempt++) {
    if (await fetch(`${base}/sign-in`).then((response) => response.status === 200, () => false)) return;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error("server did not start");
}

type Submission = { key: string; acknowledgedCaseId: string | null };

async function submit(session: HttpSession, pocId: string, submission: Submission) {
  const form = new FormData();
  for (const [key, value] of Object.entries({ mode: "submit", pocId, idempotencyKey: submission.key, labs: JSON.stringify(labs), note: "Fault test.", noteLanguage: "en" })) form.set(key, value);
  form.append("files", new Blob([new Uint8Array(dicom)]), "ct.dcm");
  const response = await session.request("/api/cases", { method: "POST", body: form, headers: { origin: base } });
  if (response.status !== 200) {
    if (process.env.FAULT_DEBUG) console.error(`submit: HTTP ${response.status} ${(await response.text()).slice(0, 200)}`);
    return null;
  }
  return ((await response.json()) as { case: { caseId: string; duplicate: boolean } }).case;
}

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => (entry.isDirectory() ? filesUnder(path.join(dir, entry.name)) : [path.join(dir, entry.name)]));
}

async function main() {
  run("node", ["scripts/build-if-needed.mjs"]);
  rmSync(work, { recursive: true, force: true });
  run("npx", ["--no-install", "tsx", "--conditions=react-server", "scripts/db-migrate.ts"]);
  run("npx", ["--no-install", "tsx", "--conditions=react-server", "scripts/db-seed.ts"]);
  run("npx", ["--no-install", "tsx", "--conditions=react-server", "scripts/bench-users.ts", String(clinicians), "0", password]);

  let server = startServer();
  await waitForServer();
  const sessions = await Promise.all(Array.from({ length: clinicians }, async (_, index) => {
    const session = new HttpSession(base);
    await session.signIn(`bench.clinician.${index}@bench.example`, password);
    return session;
  }));
  const home = await (await sessions[0]!.request("/cases/new")).text();
  const pocId = /<option value="(c[a-z0-9]{20,})"/.exec(home)![1]!;

  // Every clinician submits in a loop; the server is killed -9 while requests are in flight.
  const submissions: Submission[] = Array.from({ length: clinicians * submissionsPerClinician }, () => ({ key: randomUUID(), acknowledgedCaseId: null }));
  let killed = false;
  const inFlight = sessions.map(async (session, index) => {
    for (const submission of submissions.slice(index * submissionsPerClinician, (index + 1) * submissionsPerClinician)) {
      const answer = await submit(session, pocId, submission).catch(() => null);
      if (answer) submission.acknowledgedCaseId = answer.caseId;
      if (killed) return;
    }
  });
  await new Promise((resolve) => setTimeout(resolve, Number(process.env.FAULT_KILL_AFTER_MS ?? 2500)));
  killed = true;
  process.kill(-server.pid!, "SIGKILL");
  await Promise.allSettled(inFlight);
  const acknowledged = submissions.filter((submission) => submission.acknowledgedCaseId).length;
  console.log(`killed -9 after ${acknowledged} of ${submissions.length} submissions were acknowledged`);

  server = startServer();
  await waitForServer();
  await Promise.all(sessions.map((session, index) => session.signIn(`bench.clinician.${index}@bench.example`, password)));
  // The clients retry every submission with its own idempotency key.
  let sameCase = 0;
  let retriedOk = 0;
  for (const [index, submission] of submissions.entries()) {
    const answer = await submit(sessions[index % clinicians]!, pocId, submission);
    if (!answer) continue;
    retriedOk += 1;
    if (submission.acknowledgedCaseId) sameCase += answer.caseId === submission.acknowledgedCaseId && answer.duplicate ? 1 : 0;
    submission.acknowledgedCaseId = answer.caseId;
  }
  process.kill(-server.pid!, "SIGTERM");
  await new Promise((resolve) => setTimeout(resolve, 2000));

  const db = new PGlite(env.PGLITE_DATA_DIR!);
  const perKey = (await db.query<{ idempotencyKey: string; cases: number }>(`SELECT "idempotencyKey", count(*)::int AS cases FROM "Case" WHERE "idempotencyKey" = ANY($1) GROUP BY 1`, [submissions.map((s) => s.key)])).rows;
  const withoutImages = (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM "Case" c WHERE c."idempotencyKey" = ANY($1) AND NOT EXISTS (SELECT 1 FROM "CaseImage" i WHERE i."caseId" = c.id)`, [submissions.map((s) => s.key)])).rows[0]!.n;
  const referenced = new Set((await db.query<{ storagePath: string }>(`SELECT "storagePath" FROM "CaseImage"`)).rows.map((row) => path.join(env.STORAGE_DIR!, row.storagePath)));
  await db.close();
  const imageFiles = filesUnder(path.join(env.STORAGE_DIR!, "images"));
  const orphans = imageFiles.filter((file) => !referenced.has(file));
  const missing = [...referenced].filter((file) => !existsSync(file));

  check("acknowledged cases survive kill -9 (PGlite)", sameCase === acknowledged, `${sameCase}/${acknowledged} acknowledged cases came back as the same case on retry`);
  check("every retry with the same key succeeds", retriedOk === submissions.length, `${retriedOk}/${submissions.length}`);
  check("exactly one case per idempotency key", perKey.length === submissions.length && perKey.every((row) => row.cases === 1), `${perKey.length} keys, max ${Math.max(...perKey.map((row) => row.cases))} case(s) per key`);
  check("no case without its images", withoutImages === 0, `${withoutImages} cases without images`);
  check("no orphan or missing image file", orphans.length === 0 && missing.length === 0, `${imageFiles.length} files, ${orphans.length} unreferenced (incl. temp files), ${missing.length} missing`);

  for (const result of results) console.log(`${result.pass ? "PASS" : "FAIL"}  ${result.check}: ${result.detail}`);
  process.exitCode = results.every((result) => result.pass) ? 0 : 1;
}

main().catch((error) => {
  console.error(`FAIL  fault script error: ${error instanceof Error ? error.message : error}`);
  process.exit(1);
});
