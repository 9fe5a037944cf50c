// npm test: makes sure the browser the end-to-end tests drive is installed, typechecks and lints, then runs unit and
// integration tests (PGlite; PostgreSQL too when TEST_POSTGRES_URL is set), builds, and runs Playwright.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { buildIfNeeded } from "./build-if-needed.mjs";

const root = path.resolve(import.meta.dirname, "..");
const chromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const japaneseFont = "/usr/share/fonts/opentype/ipafont-gothic/ipag.ttf";

function step(title, command, args, env = {}) {
  console.log(`\n▶ ${title}`);
  const result = spawnSync(command, args, { cwd: root, stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", ...env } });
  if (result.status !== 0) {
    console.error(`✖ ${title} failed`);
    process.exit(result.status ?? 1);
  }
}

function ensureBrowser() {
  if (existsSync(chromium) && existsSync(japaneseFont)) return;
  if (process.getuid?.() !== 0) {
    console.error(`✖ The end-to-end tests need Debian's Chromium and a Japanese font: run\n    sudo apt-get update && sudo apt-get install -y chromium fonts-ipafont-gothic\n  (or set CHROMIUM_PATH to an existing Chromium).`);
    process.exit(1);
  }
  step("Installing Chromium and a Japanese font from Debian", "bash", ["-c", "apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-ipafont-gothic >/dev/null"]);
}

ensureBrowser();
step("No unsafe raw SQL", "node", ["scripts/check-no-unsafe-sql.mjs"]);
step("Typecheck", "npx", ["--no-install", "tsc", "--noEmit"]);
step("Lint (ESLint)", "npx", ["--no-install", "eslint", "--max-warnings", "0", "."]);
step("Unused files, exports and dependencies (knip)", "npx", ["--no-install", "knip"]);
step("Unit tests", "npx", ["--no-install", "vitest", "run", "--project", "unit"]);
step(`Integration tests (${process.env.TEST_POSTGRES_URL ? "PGlite and PostgreSQL" : "PGlite; set TEST_POSTGRES_URL for PostgreSQL too"})`, "npx", ["--no-install", "vitest", "run", "--project", "integration"]);
console.log("\n▶ Build");
buildIfNeeded();
step("End-to-end tests (Playwright, Chromium)", "npx", ["--no-install", "playwright", "test"]);
// Compares every table before and after each refused call from its own connection: needs PostgreSQL.
if (process.env.TEST_POSTGRES_URL) step("Access control: every action and route × every caller (PostgreSQL)", "npx", ["--no-install", "playwright", "test", "-c", "playwright.access.config.ts"]);
else console.log("\n▷ Access-control suite skipped: set TEST_POSTGRES_URL (it creates its own database there).");
console.log("\n✔ All test suites passed.");
