// Runs `next build` only when something the build reads has changed since the last build.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");

function sourceFingerprint() {
  const hash = createHash("sha256");
  const add = (full) => hash.update(`${path.relative(root, full)}:${statSync(full).size}:${statSync(full).mtimeMs}\n`);
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (!entry.name.endsWith(".test.ts")) add(full);
    }
  };
  for (const dir of ["app", "lib"]) walk(path.join(root, dir));
  for (const file of ["package-lock.json", "next.config.js", "proxy.ts", "instrumentation.ts", "tsconfig.json"]) if (existsSync(path.join(root, file))) add(path.join(root, file));
  return hash.digest("hex");
}

export function buildIfNeeded() {
  const marker = path.join(root, ".next", "portal-fingerprint");
  const fingerprint = sourceFingerprint();
  if (existsSync(path.join(root, ".next", "BUILD_ID")) && existsSync(marker) && readFileSync(marker, "utf8") === fingerprint) {
    console.log("▶ Build is up to date.");
    return;
  }
  console.log("▶ Building the portal (about a minute on 2 cores)…");
  const result = spawnSync("npx", ["--no-install", "next", "build"], { cwd: root, stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
  if (result.status !== 0) throw new Error("next build failed");
  writeFileSync(marker, fingerprint);
}

if (import.meta.url === `file://${process.argv[1]}`) buildIfNeeded();
