import { Tensor } from "onnxruntime-node";
import { InferenceError } from "./inference-error";
import type { LoadedModel } from "./load-model";
import { outputWithRole, type Modality } from "./manifest";
import { MicroBatcher } from "./micro-batcher";
import type { PreprocessedImage } from "./preprocess-image";
import { renderExplanationOverlay, type ExplainOptions, type ExplanationOverlay } from "./explanation-overlay";
import type { OutOfDistributionScore } from "./out-of-distribution";

/** One case, already preprocessed; null = modality withheld (not available or left out on purpose). */
export type CaseInputs = {
  image: Pick<PreprocessedImage, "tensor" | "sourceWidth" | "sourceHeight"> | null;
  /** z-scores from normaliseLabs. */
  labs: Float32Array | null;
  /** ids from tokenizeNote. */
  noteTokens: BigInt64Array | null;
};

export type Heatmap = { width: number; height: number; values: Float32Array };

export type Prediction = {
  probability: number;
  heatmap: Heatmap | null;
  modalitiesPresent: Record<Modality, boolean>;
  provider: string;
  latencyMs: number;
  /** v2 models: sigmoid(logit) before temperature scaling (`probability` is calibrated). */
  probabilityUncalibrated?: number;
  /** v2 models with an out-of-distribution score, when the image is present. */
  outOfDistribution?: OutOfDistributionScore | null;
  /** v2 models: the case's embeddings came from the cache (no encoder run). */
  embeddingsCached?: boolean;
};

export type Explanation = Prediction & {
  /** p(all present) - p(this modality withheld); null for a modality the case did not have. */
  contributions: Record<Modality, number | null>;
  probabilityWithout: Record<Modality, number | null>;
  overlay: ExplanationOverlay | null;
};

type ModelRow = { image: Float32Array | null; labs: Float32Array | null; tokens: BigInt64Array | null; mask: Float32Array };
type RowOutput = { probability: number; heatmap: Float32Array | null };

export type InferenceServiceOptions = {
  model: LoadedModel;
  maxBatch?: number;
  maxWaitMs?: number;
};

export type { ExplainOptions };

export type InferenceService = ReturnType<typeof createInferenceService>;

export function createInferenceService(options: InferenceServiceOptions) {
  const { manifest, session, provider } = options.model;
  const { image: imageSpec, labs: labsSpec, note: noteSpec } = manifest.preprocessing;
  const order = manifest.modalities.order;
  const imageLength = imageSpec.size * imageSpec.size;
  const labCount = labsSpec.items.length;
  const maxTokens = noteSpec.tokenizer.maxTokens;
  const probabilityOutput = outputWithRole(manifest, "probability");
  const heatmapOutput = outputWithRole(manifest, "heatmap");
  if (!probabilityOutput) throw new InferenceError("MANIFEST_INVALID", { reason: "no probability output" });
  const [heatmapHeight, heatmapWidth] = heatmapOutput ? (heatmapOutput.shape.slice(2) as number[]) : [0, 0];
  const heatmapLength = heatmapHeight * heatmapWidth;
  const fetches = heatmapOutput ? [probabilityOutput.name, heatmapOutput.name] : [probabilityOutput.name];

  // Withheld parts are fed as zeros: the graph ignores them via the mask, zeros keep them finite.
  // onnxruntime never writes to inputs, so one shared zero buffer per input serves every run.
  const zeroImage = new Float32Array(imageLength);
  const zeroLabs = new Float32Array(labCount);
  const zeroTokens = new BigInt64Array(maxTokens);

  // Batch input buffers are recycled: a fresh 16-row image buffer is 256 KB of zeroed memory per
  // run. Every row is overwritten before use, and a buffer returns to the pool only after its run.
  const freeImageBuffers = new Map<number, Float32Array[]>();
  function acquireImageBuffer(length: number): Float32Array {
    return freeImageBuffers.get(length)?.pop() ?? new Float32Array(length);
  }
  function releaseImageBuffer(buffer: Float32Array): void {
    const free = freeImageBuffers.get(buffer.length) ?? [];
    if (free.length < 4) free.push(buffer);
    freeImageBuffers.set(buffer.length, free);
  }

  function concatenate<T extends Float32Array | BigInt64Array>(parts: T[], joined: T, partLength: number): T {
    for (let i = 0; i < parts.length; i++) joined.set(parts[i] as never, i * partLength);
    return joined;
  }

  async function runBatch(rows: ModelRow[]): Promise<RowOutput[]> {
    const n = rows.length;
    // A lone row is fed as is: no copy on the latency-critical batch-of-one path.
    const single = n === 1 ? rows[0] : null;
    const pooledImage = single ? null : acquireImageBuffer(n * imageLength);
    const image = single ? (single.image ?? zeroImage) : concatenate(rows.map((row) => row.image ?? zeroImage), pooledImage!, imageLength);
    const labs = single ? (single.labs ?? zeroLabs) : concatenate(rows.map((row) => row.labs ?? zeroLabs), new Float32Array(n * labCount), labCount);
    const tokens = single ? (single.tokens ?? zeroTokens) : concatenate(rows.map((row) => row.tokens ?? zeroTokens), new BigInt64Array(n * maxTokens), maxTokens);
    const mask = single ? single.mask : concatenate(rows.map((row) => row.mask), new Float32Array(n * order.length), order.length);
    const feeds = {
      [imageSpec.input]: new Tensor("float32", image, [n, 1, imageSpec.size, imageSpec.size]),
      [labsSpec.input]: new Tensor("float32", labs, [n, labCount]),
      [noteSpec.input]: new Tensor("int64", tokens, [n, maxTokens]),
      [manifest.modalities.maskInput]: new Tensor("float32", mask, [n, order.length]),
    };
    let outputs: Awaited<ReturnType<typeof session.run>>;
    try {
      outputs = await session.run(feeds, fetches);
    } catch (cause) {
      throw new InferenceError("RUN_FAILED", { rows: n }, { cause });
    } finally {
      if (pooledImage) releaseImageBuffer(pooledImage);
    }
    const probabilities = outputs[probabilityOutput!.name].data as Float32Array;
    const heatmaps = heatmapOutput ? (outputs[heatmapOutput.name].data as Float32Array) : null;
    return rows.map((row, i) => ({
      probability: probabilities[i],
      // A copy when batched, so a caller's result does not keep the whole batch's buffer alive.
      heatmap: heatmaps && row.image ? (n === 1 ? heatmaps : heatmaps.slice(i * heatmapLength, (i + 1) * heatmapLength)) : null,
    }));
  }

  const batcher = new MicroBatcher<ModelRow, RowOutput>({ runBatch, maxBatch: options.maxBatch, maxWaitMs: options.maxWaitMs });

  function presence(inputs: CaseInputs): Record<Modality, boolean> {
    const present = { image: inputs.image !== null, labs: inputs.labs !== null, note: inputs.noteTokens !== null };
    if (!present.image && !present.labs && !present.note) throw new InferenceError("NO_INPUT");
    return present;
  }

  function rowFor(inputs: CaseInputs, present: Record<Modality, boolean>): ModelRow {
    if (inputs.image && inputs.image.tensor.length !== imageLength) throw new InferenceError("RUN_FAILED", { reason: "image tensor size" });
    if (inputs.labs && inputs.labs.length !== labCount) throw new InferenceError("RUN_FAILED", { reason: "labs tensor size" });
    if (inputs.noteTokens && inputs.noteTokens.length !== maxTokens) throw new InferenceError("RUN_FAILED", { reason: "note tensor size" });
    return {
      image: present.image ? inputs.image!.tensor : null,
      labs: present.labs ? inputs.labs : null,
      tokens: present.note ? inputs.noteTokens : null,
      mask: maskFor(present),
    };
  }

  // Eight possible masks, built once; shared read-only like the zero buffers.
  const masks = new Map<string, Float32Array>();
  function maskFor(present: Record<Modality, boolean>): Float32Array {
    const key = order.map((modality) => (present[modality] ? "1" : "0")).join("");
    let mask = masks.get(key);
    if (!mask) masks.set(key, (mask = Float32Array.from(order, (modality) => (present[modality] ? 1 : 0))));
    return mask;
  }

  function toHeatmap(values: Float32Array | null): Heatmap | null {
    return values ? { width: heatmapWidth, height: heatmapHeight, values } : null;
  }

  async function predict(inputs: CaseInputs): Promise<Prediction> {
    const started = performance.now();
    const present = presence(inputs);
    const output = await batcher.submitOne(rowFor(inputs, present));
    return {
      probability: output.probability,
      heatmap: toHeatmap(output.heatmap),
      modalitiesPresent: present,
      provider,
      latencyMs: performance.now() - started,
    };
  }

  /** Full input plus one row per withheld modality, in one batch, and the heat-map overlay. */
  async function explain(inputs: CaseInputs, explainOptions: ExplainOptions = {}): Promise<Explanation> {
    const started = performance.now();
    const present = presence(inputs);
    const rows = [rowFor(inputs, present), ...order.map((modality) => rowFor(inputs, { ...present, [modality]: false }))];
    const [full, ...without] = await batcher.submit(rows);
    const probabilityWithout = {} as Record<Modality, number | null>;
    const contributions = {} as Record<Modality, number | null>;
    order.forEach((modality, index) => {
      probabilityWithout[modality] = present[modality] ? without[index].probability : null;
      contributions[modality] = present[modality] ? full.probability - without[index].probability : null;
    });
    const overlay = full.heatmap && inputs.image ? renderExplanationOverlay({ values: full.heatmap, width: heatmapWidth, height: heatmapHeight }, inputs.image, explainOptions) : null;
    return {
      probability: full.probability,
      heatmap: toHeatmap(full.heatmap),
      modalitiesPresent: present,
      contributions,
      probabilityWithout,
      overlay,
      provider,
      latencyMs: performance.now() - started,
    };
  }

  return { predict, explain, batcher, model: options.model };
}
