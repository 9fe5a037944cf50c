import { describe, expect, it } from "vitest";
import { readInferenceConfig } from "./inference-config";

describe("readInferenceConfig", () => {
  it("defaults to CPU, onnxruntime's own thread counts, batches of 16 within 2 ms", () => {
    expect(readInferenceConfig({})).toEqual({ providers: ["cpu"], intraOpThreads: 0, interOpThreads: 0, maxBatch: 16, maxWaitMs: 2 });
  });

  it("reads an ordered provider list and thread counts", () => {
    const config = readInferenceConfig({ INFERENCE_PROVIDERS: "CUDA, cpu", INFERENCE_INTRA_OP_THREADS: "2", INFERENCE_INTER_OP_THREADS: "1", INFERENCE_MAX_WAIT_MS: "" });
    expect(config).toMatchObject({ providers: ["cuda", "cpu"], intraOpThreads: 2, interOpThreads: 1, maxWaitMs: 2 });
  });

  it("rejects unknown providers and negative thread counts", () => {
    expect(() => readInferenceConfig({ INFERENCE_PROVIDERS: "gpu" })).toThrow();
    expect(() => readInferenceConfig({ INFERENCE_INTRA_OP_THREADS: "-1" })).toThrow();
  });
});
