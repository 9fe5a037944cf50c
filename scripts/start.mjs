// npm start: builds when the sources changed, migrates the database, seeds demo data into an empty
// database, then serves the portal. Works with no configuration (embedded PGlite under ./data).
import { spawn } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
const port = env.PORT ?? "3000";

function run(command, args, extraEnv = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: root, stdio: "inherit", env: { ...env, ...extraEnv } });
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`${command} ${args.join(" ")} exited with ${code}`))));
  });
}

// Without AUTH_SECRET, keep a generated one under ./data so sessions survive restarts.
function ensureAuthSecret() {
  if (env.AUTH_SECRET) return;
  const secretFile = path.join(root, "data", "auth-secret");
  if (!existsSync(secretFile)) {
    mkdirSync(path.dirname(secretFile), { recursive: true });
    writeFileSync(secretFile, randomBytes(32).toString("base64url"), { mode: 0o600 });
  }
  env.AUTH_SECRET = readFileSync(secretFile, "utf8").trim();
}

// A fingerprint of everything the build reads: rebuild only when it changed.
function sourceFingerprint() {
  const hash = createHash("sha256");
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else hash.update(`${full}:${statSync(full).size}:${statSync(full).mtimeMs}\n`);
    }
  };
  for (const dir of ["app", "lib"]) walk(path.join(root, dir));
  for (const file of ["package-lock.json", "next.config.js", "proxy.ts", "tsconfig.json"]) if (existsSync(path.join(root, file))) hash.update(`${file}:${statSync(path.join(root, file)).mtimeMs}\n`);
  return hash.digest("hex");
}

async function buildIfNeeded() {
  const marker = path.join(root, ".next", "portal-fingerprint");
  const fingerprint = sourceFingerprint();
  if (existsSync(path.join(root, ".next", "BUILD_ID")) && existsSync(marker) && readFileSync(marker, "utf8") === fingerprint) {
    console.log("▶ Build is up to date.");
    return;
  }
  console.log("▶ Building the portal (about a minute on 2 cores)…");
  await run("npx", ["--no-install", "next", "build"]);
  writeFileSync(marker, fingerprint);
}

try {
  ensureAuthSecret();
  await buildIfNeeded();
  console.log("▶ Migrating the database…");
  await run("npx", ["--no-install", "tsx", "--conditions=react-server", "scripts/db-migrate.ts"]);
  console.log("▶ Demo data…");
  await run("npx", ["--no-install", "tsx", "--conditions=react-server", "scripts/db-seed.ts"]);
  console.log(`▶ Serving on http://localhost:${port} — sign in with a demo account above (or your own). Ctrl+C stops.`);
  await run("npx", ["--no-install", "next", "start", "-p", port]);
} catch (error) {
  console.error(`✖ ${error.message}`);
  process.exit(1);
}
