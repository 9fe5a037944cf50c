// npm run fault:pg-restart — PostgreSQL restarted under load: while it is down, requests fail
// cleanly (HTTP errors, the server process stays up); once it is back, the same server answers
// normally again without a restart. Restarts the local cluster: run it on a machine you own.
// Prints PASS/FAIL; exit 1 on FAIL.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { readdirSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { postgresDatabaseUrl } from "@/lib/db/adapter";
import { HttpSession } from "./http-session";

const root = path.resolve(import.meta.dirname, "..");
const port = Number(process.env.FAULT_PORT ?? 3131);
const base = `http://127.0.0.1:${port}`;
const adminUrl = process.env.FAULT_POSTGRES_URL ?? process.env.TEST_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const database = "portal_fault_restart";
const databaseUrl = postgresDatabaseUrl(adminUrl, database);
const env: NodeJS.ProcessEnv = {
  ...process.env,
  NODE_ENV: "production",
  NEXT_TELEMETRY_DISABLED: "1",
  DATABASE_URL: databaseUrl,
  STORAGE_DIR: ".tmp/fault-pg/storage",
  AUTH_SECRET: "fault-test-only-secret-0123456789",
  SEED_DEMO: "always",
};
const pgVersion = readdirSync("/etc/postgresql").sort().at(-1)!;

function run(command: string, args: string[], extraEnv: NodeJS.ProcessEnv = env) {
  if (spawnSync(command, args, { cwd: root, stdio: "inherit", env: extraEnv }).status !== 0) throw new Error(`${command} ${args.join(" ")} failed`);
}

async function waitFor(probe: () => Promise<boolean>, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await probe().catch(() => false)) return true;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return false;
}

async function main() {
  run("node", ["scripts/build-if-needed.mjs"]);
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${database}`);
  await admin.end();
  run("npx", ["--no-install", "tsx", "--conditions=react-server", "scripts/db-migrate.ts"]);
  run("npx", ["--no-install", "tsx", "--conditions=react-server", "scripts/db-seed.ts"]);

  const server: ChildProcess = spawn("node", ["scripts/serve.mjs", "-p", String(port), "-H", "127.0.0.1"], { cwd: root, env, stdio: ["ignore", "ignore", "ignore"], detached: true });
  let serverExited = false;
  server.on("exit", () => (serverExited = true));
  const results: string[] = [];
  let failed = false;
  try {
    if (!(await waitFor(async () => (await fetch(`${base}/sign-in`)).status === 200, 60_000))) throw new Error("server did not start");
    const session = new HttpSession(base);
    await session.signIn("executive@demo.example", "demo-executive-pass");
    const home = async () => (await session.request("/")).status;
    const before = await home();

    spawnSync("pg_ctlcluster", ["--skip-systemctl-redirect", pgVersion, "main", "stop", "-m", "fast"], { stdio: "inherit" });
    const duringDown: number[] = [];
    for (let index = 0; index < 10; index++) duringDown.push(await home().catch(() => -1));
    spawnSync("pg_ctlcluster", ["--skip-systemctl-redirect", pgVersion, "main", "start"], { stdio: "inherit" });
    const downAt = Date.now();
    const recovered = await waitFor(async () => (await home()) === 200, 60_000);
    const recoveryMs = Date.now() - downAt;

    const check = (name: string, pass: boolean, detail: string) => {
      failed ||= !pass;
      results.push(`${pass ? "PASS" : "FAIL"}  ${name}: ${detail}`);
    };
    check("before the restart the home page answers", before === 200, `HTTP ${before}`);
    check("while PostgreSQL is down requests fail cleanly", duringDown.every((status) => status >= 400) && !serverExited, `statuses ${[...new Set(duringDown)].join(", ")}; server process ${serverExited ? "exited" : "still up"}`);
    check("after PostgreSQL is back the same server recovers", recovered && !serverExited, `home page 200 again ${recoveryMs} ms after the restart, no app restart`);
  } finally {
    spawnSync("pg_ctlcluster", ["--skip-systemctl-redirect", pgVersion, "main", "start"], { stdio: "ignore" });
    if (server.pid) process.kill(-server.pid, "SIGTERM");
    const cleanup = new pg.Client({ connectionString: adminUrl });
    await waitFor(async () => (await cleanup.connect(), true), 30_000);
    await cleanup.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`).catch(() => {});
    await cleanup.end().catch(() => {});
  }
  for (const line of results) console.log(line);
  process.exitCode = failed ? 1 : 0;
}

main().catch((error) => {
  console.error(`FAIL  fault script error: ${error instanceof Error ? error.message : error}`);
  process.exit(1);
});
