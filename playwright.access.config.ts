import { defineConfig } from "@playwright/test";

// The access-control suite: every server action and route handler in the build, called as each
// caller, against its own server on PostgreSQL (see scripts/access-control-server.mjs).
export const accessControlPort = Number(process.env.ACCESS_PORT ?? 3102);
// One database name per PostgreSQL role: a database another role left behind cannot be dropped by this one.
const role = (() => {
  try {
    return new URL(process.env.TEST_POSTGRES_URL ?? "").username.replace(/[^a-z0-9_]/gi, "").toLowerCase() || "default";
  } catch {
    return "default";
  }
})();
export const accessControlDatabase = `portal_access_control_${role}`;

export default defineConfig({
  testDir: "tests/access-control",
  workers: 1,
  retries: 0,
  timeout: 300_000,
  reporter: [["list"]],
  outputDir: "test-results/access-control",
  use: { baseURL: `http://127.0.0.1:${accessControlPort}` },
  webServer: {
    command: "node scripts/access-control-server.mjs",
    url: `http://127.0.0.1:${accessControlPort}/sign-in`,
    reuseExistingServer: false,
    timeout: 240_000,
    stdout: "pipe",
    env: {
      PORT: String(accessControlPort),
      ACCESS_DB_NAME: accessControlDatabase,
      TEST_POSTGRES_URL: process.env.TEST_POSTGRES_URL ?? "",
      STORAGE_DIR: ".tmp/access-control/storage",
      AUTH_SECRET: "access-control-only-secret-0123456789",
      SEED_DEMO: "always",
      LOGIN_MAX_FAILURES: "50",
    },
  },
});
