import PgBoss from "pg-boss";
import { jobNames, retryPolicy, type JobQueue } from "./job-queue";

/** pg-boss 10 in its own schema of the portal's PostgreSQL: jobs survive restarts and any worker process may take them. */
export async function createPgBossQueue(connectionString: string, { retryDelaySeconds = retryPolicy.retryDelaySeconds as number, expireInSeconds = retryPolicy.expireInSeconds as number } = {}): Promise<JobQueue> {
  const boss = new PgBoss({ connectionString, schema: "pgboss", max: 4, application_name: "mmfm-jobs" });
  // pg-boss reports connection trouble as events; without a listener Node would crash the process.
  boss.on("error", (error) => console.error(`[jobs] pg-boss: ${error instanceof Error ? error.name : "error"}`));
  await boss.start();
  for (const name of jobNames) {
    if (!(await boss.getQueue(name))) await boss.createQueue(name, { name, retryLimit: retryPolicy.retryLimit, retryDelay: retryDelaySeconds, retryBackoff: true, expireInSeconds });
  }
  return {
    kind: "pg-boss",
    send: async (name, payload) => {
      await boss.send(name, payload, { singletonKey: payload.id, retryLimit: retryPolicy.retryLimit, retryDelay: retryDelaySeconds, retryBackoff: true, expireInSeconds });
    },
    work: async (name, handler, { concurrency = 2 } = {}) => {
      // One polling loop per slot: each takes one job at a time.
      for (let slot = 0; slot < concurrency; slot++) {
        await boss.work<{ id: string }>(name, { batchSize: 1, pollingIntervalSeconds: 0.5 }, async ([job]) => {
          if (job) await handler(job.data);
        });
      }
    },
    stop: async () => {
      await boss.stop({ graceful: true, wait: true, timeout: 10_000 });
    },
  };
}
