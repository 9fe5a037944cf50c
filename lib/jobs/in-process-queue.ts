import { retryPolicy, type JobHandler, type JobName, type JobPayload, type JobQueue } from "./job-queue";

type Waiting = { name: JobName; payload: JobPayload; attempt: number };

/**
 * The embedded database's queue: jobs run in this process with the same retry policy as pg-boss.
 * It keeps nothing itself; callers resume unfinished rows from the database at start
 * (resumePendingImports), which is what makes work survive a restart.
 */
export function createInProcessQueue({ retryDelaySeconds = retryPolicy.retryDelaySeconds as number } = {}): JobQueue {
  const handlers = new Map<JobName, { handler: JobHandler; concurrency: number; running: number }>();
  const waiting: Waiting[] = [];
  const queued = new Set<string>();
  const timers = new Set<NodeJS.Timeout>();
  let stopped = false;

  const pump = () => {
    for (let index = 0; index < waiting.length; index++) {
      const job = waiting[index]!;
      const worker = handlers.get(job.name);
      if (!worker || worker.running >= worker.concurrency) continue;
      waiting.splice(index--, 1);
      queued.delete(`${job.name}:${job.payload.id}`);
      worker.running += 1;
      worker
        .handler(job.payload)
        .catch(() => {
          if (stopped || job.attempt >= retryPolicy.retryLimit) return;
          const timer = setTimeout(() => {
            timers.delete(timer);
            enqueue({ ...job, attempt: job.attempt + 1 });
          }, retryDelaySeconds * 1000 * 2 ** job.attempt);
          timers.add(timer);
        })
        .finally(() => {
          worker.running -= 1;
          if (!stopped) pump();
        });
    }
  };

  const enqueue = (job: Waiting) => {
    const key = `${job.name}:${job.payload.id}`;
    if (stopped || queued.has(key)) return;
    queued.add(key);
    waiting.push(job);
    pump();
  };

  return {
    kind: "in-process",
    send: async (name, payload) => enqueue({ name, payload, attempt: 0 }),
    work: async (name, handler, { concurrency = 2 } = {}) => {
      handlers.set(name, { handler, concurrency, running: 0 });
      pump();
    },
    stop: async () => {
      stopped = true;
      for (const timer of timers) clearTimeout(timer);
      waiting.length = 0;
    },
  };
}
