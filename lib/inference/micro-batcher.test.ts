import { describe, expect, it } from "vitest";
import { MicroBatcher } from "./micro-batcher";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function doublingBatcher(options: { maxBatch?: number; maxWaitMs?: number; runMs?: number } = {}) {
  const batches: number[][] = [];
  const batcher = new MicroBatcher<number, number>({
    maxBatch: options.maxBatch,
    maxWaitMs: options.maxWaitMs,
    runBatch: async (rows) => {
      batches.push([...rows]);
      await sleep(options.runMs ?? 5);
      return rows.map((row) => row * 2);
    },
  });
  return { batcher, batches };
}

describe("MicroBatcher", () => {
  it("gives each of 40 concurrent callers its own result, in batches of at most maxBatch", async () => {
    const { batcher, batches } = doublingBatcher({ maxBatch: 16 });
    const inputs = Array.from({ length: 40 }, (_, i) => i + 1);
    const results = await Promise.all(inputs.map((i) => batcher.submitOne(i)));
    expect(results).toEqual(inputs.map((i) => i * 2));
    expect(batches.every((batch) => batch.length <= 16)).toBe(true);
    expect(batches.length).toBeLessThanOrEqual(3);
  });

  it("runs a lone request at once instead of waiting for maxWaitMs", async () => {
    const { batcher } = doublingBatcher({ maxWaitMs: 500, runMs: 0 });
    const started = performance.now();
    expect(await batcher.submitOne(21)).toBe(42);
    expect(performance.now() - started).toBeLessThan(100);
  });

  it("collects requests that arrive while a batch is in flight", async () => {
    const { batcher, batches } = doublingBatcher({ maxWaitMs: 1000, runMs: 20 });
    const first = batcher.submitOne(1);
    await sleep(2);
    const later = [batcher.submitOne(2), batcher.submitOne(3)];
    expect(await Promise.all([first, ...later])).toEqual([2, 4, 6]);
    // the in-flight batch ended long before maxWaitMs: the queued pair ran right after it, together
    expect(batches).toEqual([[1], [2, 3]]);
  });

  it("keeps a multi-row request in one batch and slices its rows back", async () => {
    const { batcher, batches } = doublingBatcher({ maxBatch: 4 });
    const [a, b, c] = await Promise.all([batcher.submit([1, 2, 3]), batcher.submit([4, 5, 6, 7]), batcher.submit([8])]);
    expect([a, b, c]).toEqual([[2, 4, 6], [8, 10, 12, 14], [16]]);
    for (const batch of batches) expect(batch.length).toBeLessThanOrEqual(4);
    expect(batches.some((batch) => batch.join() === "4,5,6,7")).toBe(true);
  });

  it("rejects every caller of a failed batch and keeps serving", async () => {
    let fail = true;
    const batcher = new MicroBatcher<number, number>({
      runBatch: async (rows) => {
        if (fail) throw new Error("run failed");
        return rows;
      },
    });
    const outcomes = await Promise.allSettled([batcher.submitOne(1), batcher.submitOne(2), batcher.submitOne(3)]);
    expect(outcomes.map((o) => o.status)).toEqual(["rejected", "rejected", "rejected"]);
    fail = false;
    expect(await batcher.submitOne(7)).toBe(7);
  });

  it("rejects when runBatch returns the wrong number of results", async () => {
    const batcher = new MicroBatcher<number, number>({ runBatch: async () => [1] });
    await expect(Promise.all([batcher.submitOne(1), batcher.submitOne(2)])).rejects.toThrow(/2 rows/);
  });
});
