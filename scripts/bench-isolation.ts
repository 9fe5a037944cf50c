// npm run bench:isolation (issue #11 §5): does image work stall other requests? Starts the built
// portal on its own PGlite database, measures GET /sign-in with the server idle, then again while
// one case preview carrying 8 maximal allowed images (through POST /api/cases, as the UI sends it)
// is processed, and prints both p95s and their ratio (target < 10×). Only 127.0.0.1 is contacted.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { demoCredentials } from "@/lib/demo/demo-credentials";
import { defaultImageSizeLimits } from "@/lib/inference/decoded-image";
import { craftGradientPng16Rgba } from "@/lib/inference/testing/crafted-images";
import { HttpSession } from "./http-session";

const root = path.resolve(import.meta.dirname, "..");
const port = Number(process.env.BENCH_PORT ?? 3120);
const base = `http://127.0.0.1:${port}`;
const idleSamples = Number(process.env.BENCH_IDLE_SAMPLES ?? 100);
const imageCount = 8;
const labs = { wbc: 14.2, crp: 8.1, procalcitonin: 0.9, neutrophilPct: 82, lymphocytePct: 10, ldh: 260, spo2: 91, bodyTemperature: 38.6 };
const serverEnv: NodeJS.ProcessEnv = {
  ...process.env,
  NEXT_TELEMETRY_DISABLED: "1",
  NODE_ENV: "production",
  DATABASE_URL: "",
  PGLITE_DATA_DIR: ".tmp/bench-isolation/pglite",
  STORAGE_DIR: ".tmp/bench-isolation/storage",
  AUTH_SECRET: "bench-isolation-only-secret-0123456789",
  SEED_DEMO: "always",
};

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

function run(command: string, args: string[]) {
  const result = spawnSync(command, args, { cwd: root, stdio: "inherit", env: serverEnv });
  if (result.status !== 0) throw new Error(`${command} ${args.join(" ")} failed`);
}

async function waitForServer() {
  for (let attempt = 0; attempt < 240; attempt++) {
    try {
      if ((await fetch(`${base}/sign-in`)).status === 200) return;
    } catch {
      // not up yet
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error("server did not start");
}

async function timedSignInPage(): Promise<number> {
  const started = performance.now();
  const response = await fetch(`${base}/sign-in`);
  await response.arrayBuffer();
  if (response.status !== 200) throw new Error(`GET /sign-in answered ${response.status}`);
  return performance.now() - started;
}

function previewForm(pocId: string, files: Buffer[]): FormData {
  const form = new FormData();
  const fields = { mode: "preview", pocId, idempotencyKey: randomUUID(), labs: JSON.stringify(labs), note: "", noteLanguage: "en" };
  for (const [key, value] of Object.entries(fields)) form.set(key, value);
  files.forEach((bytes, index) => form.append("files", new Blob([new Uint8Array(bytes)], { type: "image/png" }), `image-${index + 1}.png`));
  return form;
}

async function main() {
  // The largest square 16-bit RGBA PNG the decode budget admits (12 bytes a pixel as decoded).
  const side = Math.floor(Math.sqrt(defaultImageSizeLimits.maxDecodedBytes! / 12));
  const image = craftGradientPng16Rgba(side, side);
  run("node", ["scripts/build-if-needed.mjs"]);
  rmSync(path.join(root, ".tmp", "bench-isolation"), { recursive: true, force: true });
  run("npx", ["--no-install", "tsx", "--conditions=react-server", "scripts/db-migrate.ts"]);
  run("npx", ["--no-install", "tsx", "--conditions=react-server", "scripts/db-seed.ts"]);

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
    const clinician = new HttpSession(base);
    const account = demoCredentials.find((credential) => credential.role === "CLINICIAN")!;
    await clinician.signIn(account.email, account.password);
    const pocId = /<option value="(c[a-z0-9]{20,})"/.exec(await (await clinician.request("/cases/new")).text())?.[1];
    if (!pocId) throw new Error("no running PoC in the demo data");

    // Warm-up: page compilation caches and the image worker threads (started on first use).
    for (let index = 0; index < 20; index++) await timedSignInPage();
    const warm = await clinician.request("/api/cases", { method: "POST", headers: { origin: base }, body: previewForm(pocId, [craftGradientPng16Rgba(64, 64)]) });
    if (warm.status !== 200) throw new Error(`warm-up preview answered ${warm.status}: ${await warm.text()}`);

    const idle: number[] = [];
    for (let index = 0; index < idleSamples; index++) idle.push(await timedSignInPage());

    const loaded: number[] = [];
    const started = performance.now();
    let done = false;
    const preview = clinician.request("/api/cases", { method: "POST", headers: { origin: base }, body: previewForm(pocId, Array.from({ length: imageCount }, () => image)) }).then(async (response) => {
      const body = (await response.json()) as { ok: boolean; error?: string; preview?: { files: unknown[] } };
      done = true;
      return { status: response.status, body, seconds: (performance.now() - started) / 1000 };
    });
    while (!done) loaded.push(await timedSignInPage());
    const result = await preview;
    if (result.status !== 200 || result.body.preview?.files.length !== imageCount) throw new Error(`the preview of ${imageCount} images answered ${result.status} ${result.body.error ?? ""}`);

    const idleP95 = percentile(idle, 95);
    const loadedP95 = percentile(loaded, 95);
    const decodedMib = (side * side * 12) / 1024 / 1024;
    console.log(`\nbench:isolation — ${imageCount} × ${side}×${side} 16-bit RGBA PNG (${(image.length / 1024).toFixed(0)} KiB each, ${decodedMib} MiB decoded = the budget), ${os.availableParallelism()} CPUs`);
    console.log(`idle    GET /sign-in: n=${idle.length}  p50=${percentile(idle, 50).toFixed(1)} ms  p95=${idleP95.toFixed(1)} ms`);
    console.log(`loaded  GET /sign-in: n=${loaded.length}  p50=${percentile(loaded, 50).toFixed(1)} ms  p95=${loadedP95.toFixed(1)} ms  (while the preview of ${imageCount} images ran: ${result.seconds.toFixed(1)} s, HTTP ${result.status})`);
    console.log(`ratio loaded/idle p95: ${(loadedP95 / idleP95).toFixed(2)}× (target < 10×)`);
  } finally {
    stopServer();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
