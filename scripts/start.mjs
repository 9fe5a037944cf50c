// npm start: builds when the sources changed, migrates the database, seeds demo data into an empty
// database, then serves the portal. Works with no configuration (embedded PGlite under ./data).
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { buildIfNeeded } from "./build-if-needed.mjs";

const root = path.resolve(import.meta.dirname, "..");
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
const port = env.PORT ?? "3000";

function run(command, args, extraEnv = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: root, stdio: "inherit", env: { ...env, ...extraEnv } });
    const stop = (signal) => child.kill(signal);
    process.once("SIGTERM", stop).once("SIGINT", stop);
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`${command} ${args.join(" ")} exited with ${code}`))));
  });
}

// Without AUTH_SECRET, keep a generated one under ./data so sessions survive restarts.
function ensureAuthSecret() {
  if (env.AUTH_SECRET) return;
  const secretFile = path.resolve(root, env.PGLITE_DATA_DIR ?? "data/pglite", "..", "auth-secret");
  if (!existsSync(secretFile)) {
    mkdirSync(path.dirname(secretFile), { recursive: true });
    writeFileSync(secretFile, randomBytes(32).toString("base64url"), { mode: 0o600 });
  }
  env.AUTH_SECRET = readFileSync(secretFile, "utf8").trim();
}

try {
  ensureAuthSecret();
  buildIfNeeded();
  console.log("▶ Migrating the database…");
  await run("npx", ["--no-install", "tsx", "--conditions=react-server", "scripts/db-migrate.ts"]);
  console.log("▶ Demo data…");
  await run("npx", ["--no-install", "tsx", "--conditions=react-server", "scripts/db-seed.ts"]);
  console.log(`▶ Serving on http://localhost:${port} — sign in with a demo account above (or your own). Ctrl+C stops.`);
  // `next start` plus the client's socket address for the sign-in limits (see scripts/serve.mjs).
  await run("node", ["scripts/serve.mjs", "-p", port]);
} catch (error) {
  console.error(`✖ ${error.message}`);
  process.exit(1);
}
