// The server the access-control suite starts: a fresh PostgreSQL database (so the test can compare
// every table before and after each refused call from its own connection), then npm start's steps.
import { rmSync } from "node:fs";
import path from "node:path";
import pg from "pg";

const root = path.resolve(import.meta.dirname, "..");
const adminUrl = process.env.TEST_POSTGRES_URL;
if (!adminUrl) {
  console.error("✖ The access-control suite needs TEST_POSTGRES_URL (a PostgreSQL where it may create a database).");
  process.exit(1);
}
const database = process.env.ACCESS_DB_NAME ?? "portal_access_control";
const admin = new pg.Client({ connectionString: adminUrl });
await admin.connect();
await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
await admin.query(`CREATE DATABASE ${database}`);
await admin.end();
const url = new URL(adminUrl);
url.pathname = `/${database}`;
process.env.DATABASE_URL = url.toString();
rmSync(path.join(root, ".tmp", "access-control"), { recursive: true, force: true });
await import("./start.mjs");
