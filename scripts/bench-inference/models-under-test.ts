// The two reference models as the benchmark drives them: raw onnxruntime calls on exact tensors,
// and the portal's service path, with the same golden cases.
import { Tensor } from "onnxruntime-node";
import type { InferenceConfig } from "../../lib/inference/inference-config";
import { loadEncoderHeadModel, loadModel } from "../../lib/inference/load-model";
import { createEncoderHeadService } from "../../lib/inference/run-encoder-head-inference";
import { createInferenceService, type CaseInputs } from "../../lib/inference/run-inference";
import { readGoldenCases, referenceManifestPath, referenceModelPath } from "../../lib/inference/testing/reference-model";
import { readGoldenCasesV2, referenceV2 } from "../../lib/inference/testing/reference-model-v2";

type Feeds = Record<string, Tensor>;

export type ModelUnderTest = {
  label: string;
  provider: string;
  flopsPerCase: number;
  caseCount: number;
  rawSingle: (i: number) => Promise<unknown>;
  rawBatch16: () => Promise<unknown>;
  predict: (i: number) => Promise<unknown>;
  explain: (i: number, cacheKey?: string) => Promise<unknown>;
  /** Cases with every modality present (explanations are measured on these). */
  fullCases: number[];
  batcherTotals: () => { batches: number; rows: number };
};

const first16 = (count: number) => Array.from({ length: 16 }, (_, i) => i % count);

export async function loadV1(config: InferenceConfig): Promise<ModelUnderTest> {
  const model = await loadModel({ modelPath: referenceModelPath, manifest: referenceManifestPath, config });
  const golden = readGoldenCases().cases;
  const cases: CaseInputs[] = golden.map((c) => ({
    image: c.inputs.modality_mask[0] ? { tensor: Float32Array.from(c.inputs.image), sourceWidth: 64, sourceHeight: 64 } : null,
    labs: c.inputs.modality_mask[1] ? Float32Array.from(c.inputs.labs) : null,
    noteTokens: c.inputs.modality_mask[2] ? BigInt64Array.from(c.inputs.note_tokens, BigInt) : null,
  }));
  const feedsFor = (rows: number[]): Feeds => {
    const pick = (key: "image" | "labs" | "note_tokens" | "modality_mask") => rows.flatMap((r) => golden[r].inputs[key]);
    return {
      image: new Tensor("float32", Float32Array.from(pick("image")), [rows.length, 1, 64, 64]),
      labs: new Tensor("float32", Float32Array.from(pick("labs")), [rows.length, 8]),
      note_tokens: new Tensor("int64", BigInt64Array.from(pick("note_tokens"), BigInt), [rows.length, 32]),
      modality_mask: new Tensor("float32", Float32Array.from(pick("modality_mask")), [rows.length, 3]),
    };
  };
  const single = golden.map((_, i) => feedsFor([i]));
  const batch16 = feedsFor(first16(golden.length));
  const service = createInferenceService({ model, maxBatch: config.maxBatch, maxWaitMs: config.maxWaitMs });
  return {
    label: `${model.manifest.name} ${model.manifest.version}`,
    provider: model.provider,
    flopsPerCase: model.manifest.flopsPerCase ?? Number.NaN,
    caseCount: cases.length,
    rawSingle: (i) => model.session.run(single[i % single.length]),
    rawBatch16: () => model.session.run(batch16),
    predict: (i) => service.predict(cases[i % cases.length]),
    explain: (i) => service.explain(cases[i % cases.length]),
    fullCases: cases.flatMap((c, i) => (c.image && c.labs && c.noteTokens ? [i] : [])),
    batcherTotals: () => ({ ...service.batcher.totals }),
  };
}

export async function loadV2(config: InferenceConfig): Promise<ModelUnderTest> {
  const model = await loadEncoderHeadModel({ modelPath: referenceV2.encodersPath, headPath: referenceV2.headPath, manifest: referenceV2.manifestPath, config });
  const golden = readGoldenCasesV2().cases;
  const cases: CaseInputs[] = golden.map((c) => ({
    image: c.present[0] ? { tensor: Float32Array.from(c.inputs.image), sourceWidth: 64, sourceHeight: 64 } : null,
    labs: c.present[1] ? Float32Array.from(c.inputs.labs) : null,
    noteTokens: c.present[2] ? BigInt64Array.from(c.inputs.note_tokens, BigInt) : null,
  }));
  const encoderFeeds = (rows: number[]): Feeds => ({
    image: new Tensor("float32", Float32Array.from(rows.flatMap((r) => golden[r].inputs.image)), [rows.length, 1, 64, 64]),
    labs: new Tensor("float32", Float32Array.from(rows.flatMap((r) => golden[r].inputs.labs)), [rows.length, 8]),
    note_tokens: new Tensor("int64", BigInt64Array.from(rows.flatMap((r) => golden[r].inputs.note_tokens), BigInt), [rows.length, 32]),
  });
  const masksFor = (rows: number[]) => new Tensor("float32", Float32Array.from(rows.flatMap((r) => golden[r].present)), [rows.length, 3]);
  // Raw = the encoders then the head on their outputs: the same two graphs the service runs.
  const raw = async (feeds: Feeds, mask: Tensor) => {
    const encoded = await model.encoders.session.run(feeds);
    return model.head.session.run({ image_embedding: encoded.image_embedding, labs_embedding: encoded.labs_embedding, note_embedding: encoded.note_embedding, modality_mask: mask });
  };
  const single = golden.map((_, i) => ({ feeds: encoderFeeds([i]), mask: masksFor([i]) }));
  const rows16 = first16(golden.length);
  const batch16 = { feeds: encoderFeeds(rows16), mask: masksFor(rows16) };
  const service = createEncoderHeadService({ model, maxBatch: config.maxBatch, maxWaitMs: config.maxWaitMs });
  return {
    label: `${model.manifest.name} ${model.manifest.version}`,
    provider: model.provider,
    flopsPerCase: model.manifest.flopsPerCase ?? Number.NaN,
    caseCount: cases.length,
    rawSingle: (i) => raw(single[i % single.length].feeds, single[i % single.length].mask),
    rawBatch16: () => raw(batch16.feeds, batch16.mask),
    predict: (i) => service.predict(cases[i % cases.length]),
    explain: (i, cacheKey) => service.explain(cases[i % cases.length], cacheKey ? { cacheKey } : {}),
    fullCases: cases.flatMap((c, i) => (c.image && c.labs && c.noteTokens ? [i] : [])),
    batcherTotals: () => ({ ...service.batcher.totals }),
  };
}
