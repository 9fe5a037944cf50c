import { InferenceSession } from "onnxruntime-node";
import { afterEach, describe, expect, it } from "vitest";
import { isInferenceError } from "./inference-error";
import { getPooledSession, releaseAllSessions, type CreateSession } from "./session-pool";
import { referenceModelPath } from "./testing/reference-model";

const threads = { intraOpThreads: 1, interOpThreads: 1 };

afterEach(releaseAllSessions);

describe("getPooledSession", () => {
  it("creates one session per model and settings and reuses it", async () => {
    const [a, b] = await Promise.all([
      getPooledSession(referenceModelPath, { providers: ["cpu"], ...threads }),
      getPooledSession(referenceModelPath, { providers: ["cpu"], ...threads }),
    ]);
    expect(a.session).toBe(b.session);
    expect(a.modelSha256).toMatch(/^[0-9a-f]{64}$/);
    const other = await getPooledSession(referenceModelPath, { providers: ["cpu"], intraOpThreads: 2, interOpThreads: 1 });
    expect(other.session).not.toBe(a.session);
  });

  it("falls back from CUDA to CPU on a host without CUDA and records the attempts", async () => {
    const pooled = await getPooledSession(referenceModelPath, { providers: ["cuda", "cpu"], ...threads });
    expect(pooled.provider).toBe("cpu");
    expect(pooled.attempts.map(({ provider, ok }) => ({ provider, ok }))).toEqual([
      { provider: "cuda", ok: false },
      { provider: "cpu", ok: true },
    ]);
    expect(pooled.attempts[0].error).toBeTruthy();
  });

  it("tries providers in order and stops at the first that loads (injected factory)", async () => {
    const tried: string[] = [];
    const createSession: CreateSession = async (model, options) => {
      const provider = String(options.executionProviders?.[0]);
      tried.push(provider);
      if (provider !== "cpu") throw new Error(`${provider} unavailable`);
      return InferenceSession.create(model, options);
    };
    const pooled = await getPooledSession(referenceModelPath, { providers: ["tensorrt", "cuda", "cpu", "webgpu"], ...threads, createSession });
    expect(tried).toEqual(["tensorrt", "cuda", "cpu"]);
    expect(pooled.provider).toBe("cpu");
  });

  it("fails with MODEL_LOAD_FAILED when no provider loads, and does not cache the failure", async () => {
    const failing: CreateSession = async () => { throw new Error("no device"); };
    const error = await getPooledSession(referenceModelPath, { providers: ["cuda"], ...threads, createSession: failing }).catch((e) => e);
    expect(isInferenceError(error, "MODEL_LOAD_FAILED")).toBe(true);
    expect(error.details.attempts).toEqual([{ provider: "cuda", ok: false, error: "no device" }]);
    const retried = await getPooledSession(referenceModelPath, { providers: ["cuda"], ...threads, createSession: (m, o) => InferenceSession.create(m, { ...o, executionProviders: ["cpu"] }) });
    expect(retried.provider).toBe("cuda");
  });

  it("fails with MODEL_LOAD_FAILED for a missing file", async () => {
    const error = await getPooledSession("/nonexistent/model.onnx", { providers: ["cpu"], ...threads }).catch((e) => e);
    expect(isInferenceError(error, "MODEL_LOAD_FAILED")).toBe(true);
  });
});
