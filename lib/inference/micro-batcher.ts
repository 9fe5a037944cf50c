export type MicroBatcherOptions<Row, Result> = {
  /** Runs one batch; must return exactly one result per row, in order. */
  runBatch: (rows: Row[]) => Promise<Result[]>;
  /** Most rows per batch (a single larger request still runs, alone). Default 16. */
  maxBatch?: number;
  /** How long a queued request waits for company while another batch is in flight. Default 2 ms. */
  maxWaitMs?: number;
};

type PendingRequest<Row, Result> = {
  rows: Row[];
  resolve: (results: Result[]) => void;
  reject: (error: unknown) => void;
};

/**
 * Groups concurrent requests into one batched run. When nothing is queued or in flight a request
 * runs at once: the flush is only deferred to the end of the current microtask turn, so callers
 * that arrive in the same tick (Promise.all) share a batch without any timer. While a batch is in
 * flight, new requests collect for at most maxWaitMs, or until maxBatch rows or that batch ends.
 * A request of several rows (e.g. an explanation's ablation rows) always stays in one batch.
 */
export class MicroBatcher<Row, Result> {
  private readonly runBatch: (rows: Row[]) => Promise<Result[]>;
  private readonly maxBatch: number;
  private readonly maxWaitMs: number;
  private queue: PendingRequest<Row, Result>[] = [];
  private queuedRows = 0;
  private inFlight = 0;
  private flushScheduled = false;
  private timer: ReturnType<typeof setTimeout> | null = null;
  /** Rows per executed batch, most recent last (the last 1000); for tests and the benchmark. */
  readonly batchSizes: number[] = [];
  /** Running totals since construction, for a mean batch size. */
  readonly totals = { batches: 0, rows: 0 };

  constructor(options: MicroBatcherOptions<Row, Result>) {
    this.runBatch = options.runBatch;
    this.maxBatch = options.maxBatch ?? 16;
    this.maxWaitMs = options.maxWaitMs ?? 2;
  }

  submit(rows: Row[]): Promise<Result[]> {
    if (rows.length === 0) return Promise.resolve([]);
    return new Promise<Result[]>((resolve, reject) => {
      this.queue.push({ rows, resolve, reject });
      this.queuedRows += rows.length;
      if (this.queuedRows >= this.maxBatch) this.scheduleFlush();
      else if (this.inFlight === 0) this.scheduleFlush();
      else if (!this.timer) this.timer = setTimeout(() => this.flushNow(), this.maxWaitMs);
    });
  }

  async submitOne(row: Row): Promise<Result> {
    const [result] = await this.submit([row]);
    return result;
  }

  private scheduleFlush(): void {
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    queueMicrotask(() => {
      this.flushScheduled = false;
      this.flushNow();
    });
  }

  private flushNow(): void {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    while (this.queue.length > 0) {
      const batch: PendingRequest<Row, Result>[] = [];
      let rowCount = 0;
      while (this.queue.length > 0 && (batch.length === 0 || rowCount + this.queue[0].rows.length <= this.maxBatch)) {
        const request = this.queue.shift() as PendingRequest<Row, Result>;
        batch.push(request);
        rowCount += request.rows.length;
      }
      this.queuedRows -= rowCount;
      void this.execute(batch, rowCount);
    }
  }

  private async execute(batch: PendingRequest<Row, Result>[], rowCount: number): Promise<void> {
    this.inFlight++;
    this.batchSizes.push(rowCount);
    this.totals.batches++;
    this.totals.rows += rowCount;
    if (this.batchSizes.length > 1000) this.batchSizes.splice(0, this.batchSizes.length - 1000);
    try {
      const rows = batch.flatMap((request) => request.rows);
      const results = await this.runBatch(rows);
      if (results.length !== rows.length) throw new Error(`runBatch returned ${results.length} results for ${rows.length} rows`);
      if (batch.length === 1) return batch[0].resolve(results);
      let offset = 0;
      for (const request of batch) {
        request.resolve(results.slice(offset, offset + request.rows.length));
        offset += request.rows.length;
      }
    } catch (error) {
      for (const request of batch) request.reject(error);
    } finally {
      this.inFlight--;
      // Requests that queued behind this batch have already waited: run them now.
      if (this.queue.length > 0) this.scheduleFlush();
    }
  }
}
