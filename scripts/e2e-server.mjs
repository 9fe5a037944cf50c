// The server Playwright starts: a fresh embedded database and storage under .tmp/e2e, then npm start's
// steps (build if needed, migrate, seed the demo data, serve).
import { rmSync } from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
rmSync(path.join(root, ".tmp", "e2e"), { recursive: true, force: true });
await import("./start.mjs");
