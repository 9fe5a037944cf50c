import { Tensor } from "onnxruntime-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isInferenceError } from "./inference-error";
import { loadEncoderHeadModel, loadModel, type LoadedEncoderHeadModel } from "./load-model";
import { createEncoderHeadService } from "./run-encoder-head-inference";
import type { CaseInputs } from "./run-inference";
import { releaseAllSessions } from "./session-pool";
import { readGoldenCasesV2, referenceV2, type GoldenCaseV2 } from "./testing/reference-model-v2";

const golden = readGoldenCasesV2();
const tolerance = golden.tolerance; // 1e-4
const config = { providers: ["cpu" as const], intraOpThreads: 1, interOpThreads: 1 };
let model: LoadedEncoderHeadModel;
let extent: LoadedEncoderHeadModel;

beforeAll(async () => {
  model = await loadEncoderHeadModel({ modelPath: referenceV2.encodersPath, headPath: referenceV2.headPath, manifest: referenceV2.manifestPath, config });
  extent = await loadEncoderHeadModel({ modelPath: referenceV2.encodersPath, headPath: referenceV2.extentHeadPath, manifest: referenceV2.extentManifestPath, config });
});
afterAll(releaseAllSessions);

function caseInputs(goldenCase: GoldenCaseV2): CaseInputs {
  const [hasImage, hasLabs, hasNote] = goldenCase.present;
  return {
    image: hasImage ? { tensor: Float32Array.from(goldenCase.inputs.image), sourceWidth: 64, sourceHeight: 64 } : null,
    labs: hasLabs ? Float32Array.from(goldenCase.inputs.labs) : null,
    noteTokens: hasNote ? BigInt64Array.from(goldenCase.inputs.note_tokens, BigInt) : null,
  };
}

function expectClose(actual: ArrayLike<number>, expected: ArrayLike<number>) {
  expect(actual.length).toBe(expected.length);
  let worst = 0;
  for (let i = 0; i < expected.length; i++) worst = Math.max(worst, Math.abs(actual[i] - expected[i]));
  expect(worst).toBeLessThanOrEqual(tolerance);
}

const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));
const cases = golden.cases.map((c) => [c.description, c] as const);

describe("reference model v2 parity with PyTorch (golden.json)", () => {
  it("shares one encoders file between the two versions and declares their hashes", () => {
    expect(extent.encoders.modelSha256).toBe(model.encoders.modelSha256);
    expect(model.manifest.files.encoders.sha256).toBe(model.encoders.modelSha256);
    expect(extent.manifest.encodersSharedWith).toEqual({ name: model.manifest.name, version: model.manifest.version });
  });

  it.each(cases)("raw encoders and head on the exact tensors: %s", async (_, goldenCase) => {
    const { inputs, expected } = goldenCase;
    const encoded = await model.encoders.session.run({
      image: new Tensor("float32", Float32Array.from(inputs.image), [1, 1, 64, 64]),
      labs: new Tensor("float32", Float32Array.from(inputs.labs), [1, 8]),
      note_tokens: new Tensor("int64", BigInt64Array.from(inputs.note_tokens, BigInt), [1, 32]),
    });
    expectClose(encoded.image_embedding.data as Float32Array, expected.imageEmbedding);
    expectClose(encoded.labs_embedding.data as Float32Array, expected.labsEmbedding);
    expectClose(encoded.note_embedding.data as Float32Array, expected.noteEmbedding);
    expectClose(encoded.heatmap.data as Float32Array, expected.heatmap);
    const mask = Float32Array.from(goldenCase.present);
    const logit = await model.head.session.run({
      image_embedding: encoded.image_embedding,
      labs_embedding: encoded.labs_embedding,
      note_embedding: encoded.note_embedding,
      modality_mask: new Tensor("float32", mask, [1, 3]),
    });
    expect(Math.abs((logit.logit.data as Float32Array)[0] - expected.logits.head.full)).toBeLessThanOrEqual(tolerance);
  });

  it.each(cases)("the service: calibrated probability, heat map and each modality withheld: %s", async (_, goldenCase) => {
    const service = createEncoderHeadService({ model });
    const temperature = golden.temperatures.head;
    expect(model.manifest.calibration.temperature).toBeCloseTo(temperature, 5);
    const explanation = await service.explain(caseInputs(goldenCase));
    const logits = goldenCase.expected.logits.head;
    expect(Math.abs(explanation.probability - sigmoid(logits.full / temperature))).toBeLessThanOrEqual(tolerance);
    expect(Math.abs(explanation.probabilityUncalibrated! - sigmoid(logits.full))).toBeLessThanOrEqual(tolerance);
    const [hasImage, hasLabs, hasNote] = goldenCase.present;
    const without = { image: logits.withoutImage, labs: logits.withoutLabs, note: logits.withoutNote };
    for (const [modality, present] of [["image", hasImage], ["labs", hasLabs], ["note", hasNote]] as const) {
      if (!present) {
        expect(explanation.contributions[modality]).toBeNull();
        continue;
      }
      expect(Math.abs(explanation.probabilityWithout[modality]! - sigmoid(without[modality] / temperature))).toBeLessThanOrEqual(tolerance);
    }
    if (hasImage) {
      expectClose(explanation.heatmap!.values, goldenCase.expected.heatmap);
      expect(explanation.overlay).not.toBeNull();
      expect(explanation.outOfDistribution?.flagged).toBe(false);
    } else {
      expect(explanation.heatmap).toBeNull();
      expect(explanation.outOfDistribution).toBeNull();
    }
  });

  it.each(cases)("a head trained on the same frozen encoders (extent): %s", async (_, goldenCase) => {
    const prediction = await createEncoderHeadService({ model: extent }).predict(caseInputs(goldenCase));
    expect(Math.abs(prediction.probability - sigmoid(goldenCase.expected.logits["extent-head"].full / golden.temperatures["extent-head"]))).toBeLessThanOrEqual(tolerance);
  });
});

describe("embedding cache", () => {
  it("re-runs only the head for a cached case, with the same result", async () => {
    const service = createEncoderHeadService({ model });
    const inputs = caseInputs(golden.cases[0]);
    const first = await service.predict(inputs, { cacheKey: "case-1" });
    const explained = await service.explain(inputs, { cacheKey: "case-1" });
    expect(first.embeddingsCached).toBe(false);
    expect(explained.embeddingsCached).toBe(true);
    expect(explained.probability).toBe(first.probability);
    expect(explained.heatmap!.values).toEqual(first.heatmap!.values);
  });

  it("encodes again when the same key comes with other modalities present", async () => {
    const service = createEncoderHeadService({ model });
    const inputs = caseInputs(golden.cases[0]);
    await service.predict(inputs, { cacheKey: "case-2" });
    const withoutLabs = await service.predict({ ...inputs, labs: null }, { cacheKey: "case-2" });
    expect(withoutLabs.embeddingsCached).toBe(false);
  });

  it("drops the least recently used case beyond its size", async () => {
    const service = createEncoderHeadService({ model, embeddingCacheSize: 2 });
    const inputs = caseInputs(golden.cases[0]);
    for (const key of ["a", "b", "c"]) await service.predict(inputs, { cacheKey: key });
    expect(service.cachedCases()).toBe(2);
    expect((await service.predict(inputs, { cacheKey: "a" })).embeddingsCached).toBe(false);
    expect((await service.predict(inputs, { cacheKey: "c" })).embeddingsCached).toBe(true);
  });

  it("batches concurrent callers into shared encoder and head runs with per-case results", async () => {
    const service = createEncoderHeadService({ model });
    const all = golden.cases.map(caseInputs);
    const alone = await Promise.all(all.map((inputs) => createEncoderHeadService({ model }).predict(inputs)));
    const together = await Promise.all(all.map((inputs, i) => (i % 2 ? service.explain(inputs) : service.predict(inputs))));
    together.forEach((result, i) => expect(Math.abs(result.probability - alone[i].probability)).toBeLessThanOrEqual(1e-5));
    expect(service.batcher.totals.batches).toBeLessThan(all.length);
  });
});

describe("loading", () => {
  it("refuses a v2 manifest through the v1 loader and a head whose file hash differs", async () => {
    await expect(loadModel({ modelPath: referenceV2.encodersPath, manifest: referenceV2.manifestPath, config })).rejects.toSatisfy((error) => isInferenceError(error, "MANIFEST_INVALID"));
    const wrongHead = loadEncoderHeadModel({ modelPath: referenceV2.encodersPath, headPath: referenceV2.extentHeadPath, manifest: referenceV2.manifestPath, config });
    await expect(wrongHead).rejects.toSatisfy((error) => isInferenceError(error, "MODEL_MISMATCH"));
  });
});
