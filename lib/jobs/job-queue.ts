// The one interface for background work (imports, inference of imported cases, write-backs):
// pg-boss on PostgreSQL, so worker processes on several machines share it; an in-process queue on
// the embedded database, where only the server process may open the data directory.

export const jobNames = ["import-study", "infer-imported-case", "write-back-results"] as const;
export type JobName = (typeof jobNames)[number];

/** Payloads carry row ids only: progress and inputs live in the database, never in the queue. */
export type JobPayload = { id: string };

export type JobHandler = (payload: JobPayload) => Promise<void>;

export type JobQueue = {
  readonly kind: "pg-boss" | "in-process";
  /** Enqueues once per (name, id) while one is waiting: a double click does not import twice. */
  send(name: JobName, payload: JobPayload): Promise<void>;
  /** Runs `handler` for `name` with up to `concurrency` jobs at a time; a throw is retried with back-off. */
  work(name: JobName, handler: JobHandler, options?: { concurrency?: number }): Promise<void>;
  stop(): Promise<void>;
};

// Shared retry policy: attempt n waits retryDelaySeconds · 2^(n-1), then the handler marks the row failed.
export const retryPolicy = { retryLimit: 4, retryDelaySeconds: 2, expireInSeconds: 15 * 60 } as const;
