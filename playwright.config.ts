import { defineConfig } from "@playwright/test";

// E2E_PORT: other worktrees on a shared machine may hold 3100.
const port = Number(process.env.E2E_PORT ?? 3100);

// Debian's Chromium: Playwright's own browser download cannot work offline.
export default defineConfig({
  testDir: "e2e",
  workers: 1,
  retries: 0,
  // Generous ceilings: a busy CI machine must slow the suite down, not fail it.
  timeout: 180_000,
  expect: { timeout: 30_000 },
  reporter: [["list"]],
  outputDir: "test-results",
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    locale: "ja-JP",
    screenshot: "only-on-failure",
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
    },
  },
  webServer: {
    command: "node scripts/e2e-server.mjs",
    url: `http://127.0.0.1:${port}/sign-in`,
    reuseExistingServer: false,
    timeout: 240_000,
    stdout: "pipe",
    env: {
      PORT: String(port),
      PGLITE_DATA_DIR: ".tmp/e2e/pglite",
      STORAGE_DIR: ".tmp/e2e/storage",
      DATABASE_URL: "",
      AUTH_SECRET: "e2e-only-secret-not-for-production-0123456789",
      SEED_DEMO: "always",
      LOGIN_MAX_FAILURES: "3",
      // Failures per client address (e2e/session.spec.ts sprays from addresses of its own; the other
      // specs fail a few sign-ins from 127.0.0.1, and right passwords never count).
      LOGIN_RATE_LIMIT_PER_ADDRESS: "20",
      // e2e/monitoring-federation.spec.ts: the same instance is a site and the hub.
      FEDERATION_HUB: "1",

      // e2e/pacs.spec.ts: results back to PACS need a site link key.
      PACS_LINK_KEYS: "e2e:e2e-only-link-key-not-for-production-0123456789",
    },
  },
});
