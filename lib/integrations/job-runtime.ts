import "server-only";
import { configuredDatabaseTarget } from "@/lib/db/adapter";
import { db as processDb, type Db } from "@/lib/db/client";
import { createInProcessQueue } from "@/lib/jobs/in-process-queue";
import type { JobQueue } from "@/lib/jobs/job-queue";
import { createPgBossQueue } from "@/lib/jobs/pg-boss-queue";
import { resumePendingImports, runImportedCaseInference, runImportStudy } from "./run-import-study";
import { writeBackResults } from "./write-back-results";

/** Registers the import handlers on a queue; the server, `npm run worker` and the tests all use this. */
export async function registerImportWorkers(db: Db, queue: JobQueue, { concurrency = jobConcurrency() } = {}): Promise<void> {
  await queue.work("import-study", (payload) => runImportStudy(db, queue, payload.id), { concurrency });
  await queue.work("infer-imported-case", (payload) => runImportedCaseInference(db, queue, payload.id), { concurrency });
  await queue.work("write-back-results", (payload) => writeBackResults(db, payload.id), { concurrency: 1 });
}

export function jobConcurrency(): number {
  const configured = Number(process.env.JOB_CONCURRENCY ?? "2");
  return Number.isInteger(configured) && configured > 0 ? configured : 2;
}

const holder = globalThis as unknown as { __portalJobQueue?: Promise<JobQueue> };

/**
 * The process's queue, started on first use. On PostgreSQL it is pg-boss and this process works jobs
 * too unless JOB_WORKERS_IN_SERVER=0 (then only `npm run worker` processes do); on the embedded
 * database jobs always run here, and unfinished imports are put back on the queue at start.
 */
export function jobQueue(): Promise<JobQueue> {
  holder.__portalJobQueue ??= (async () => {
    const target = configuredDatabaseTarget();
    const queue = target.kind === "postgres" ? await createPgBossQueue(target.url) : createInProcessQueue();
    if (queue.kind === "in-process" || process.env.JOB_WORKERS_IN_SERVER !== "0") await registerImportWorkers(processDb(), queue);
    if (queue.kind === "in-process") await resumePendingImports(processDb(), queue);
    return queue;
  })();
  holder.__portalJobQueue.catch(() => (holder.__portalJobQueue = undefined));
  return holder.__portalJobQueue;
}

/** Lets tests and scripts hand the process a queue of their own (like setProcessDatabase). */
export function setProcessJobQueue(queue: JobQueue): void {
  holder.__portalJobQueue = Promise.resolve(queue);
}
