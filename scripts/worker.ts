// `npm run worker`: a job worker process for imports and inference of imported cases. Needs a
// PostgreSQL DATABASE_URL (pg-boss); start as many as you like, on as many machines as share it.
// On the embedded database jobs run inside the server process instead.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { configuredDatabaseTarget } from "@/lib/db/adapter";
import { createPrismaClient, setProcessDatabase } from "@/lib/db/client";
import { jobConcurrency, registerImportWorkers } from "@/lib/integrations/job-runtime";
import { createPgBossQueue } from "@/lib/jobs/pg-boss-queue";

const target = configuredDatabaseTarget();
if (target.kind !== "postgres") {
  console.error("npm run worker needs DATABASE_URL=postgresql://… (on the embedded database the server runs the jobs itself).");
  process.exit(2);
}
// Sealed PACS/EHR secrets open with AUTH_SECRET: the same value (or file) as the server's.
const secretFile = path.resolve("data/auth-secret");
if (!process.env.AUTH_SECRET && existsSync(secretFile)) process.env.AUTH_SECRET = readFileSync(secretFile, "utf8").trim();

const db = createPrismaClient(target);
setProcessDatabase(db);
const queue = await createPgBossQueue(target.url);
await registerImportWorkers(db, queue, { concurrency: jobConcurrency() });
console.log(`worker ${process.pid}: taking import jobs, ${jobConcurrency()} at a time (JOB_CONCURRENCY)`);

let stopping = false;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, async () => {
    if (stopping) return;
    stopping = true;
    // Finish the jobs in hand; a job cut off anyway (kill -9) expires and is retried by another worker.
    await queue.stop();
    await db.closeDatabase();
    process.exit(0);
  });
}
