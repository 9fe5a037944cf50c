import { Tensor } from "onnxruntime-node";
import { calibrateProbability } from "./calibrate-probability";
import { renderExplanationOverlay, type ExplainOptions } from "./explanation-overlay";
import { InferenceError } from "./inference-error";
import type { LoadedEncoderHeadModel } from "./load-model";
import { outputWithRole, type Modality } from "./manifest";
import { MicroBatcher } from "./micro-batcher";
import { createOutOfDistributionScorer, type OutOfDistributionScore } from "./out-of-distribution";
import type { CaseInputs, Explanation, Heatmap, Prediction } from "./run-inference";

// Model v2 service: the encoders run once per case (embeddings + heat map in one pass), the head
// runs once per modality mask. An explanation is one encoder row and four head rows, and a case
// whose embeddings are cached (same cacheKey) re-runs only the head.

type Embeddings = {
  /** One embedding per modality, in manifest.modalities.order. */
  byModality: Float32Array[];
  heatmap: Float32Array | null;
  outOfDistribution: OutOfDistributionScore | null;
  presentKey: string;
};

type EncoderRow = { image: Float32Array | null; labs: Float32Array | null; tokens: BigInt64Array | null };
type Job = { encode: EncoderRow | null; cached: Embeddings | null; presentKey: string; masks: Float32Array[] };
type JobResult = { embeddings: Embeddings; logits: Float32Array };

type EncoderHeadServiceOptions = {
  model: LoadedEncoderHeadModel;
  maxBatch?: number;
  maxWaitMs?: number;
  /** Cases whose embeddings are kept (least recently used dropped first). Default 512. */
  embeddingCacheSize?: number;
};

/** Identifies immutable case content (e.g. the case id); the same key must always mean the same inputs. */
type CacheOptions = { cacheKey?: string };

export type EncoderHeadService = ReturnType<typeof createEncoderHeadService>;

export function createEncoderHeadService(options: EncoderHeadServiceOptions) {
  const { manifest, encoders, head, provider } = options.model;
  const { image: imageSpec, labs: labsSpec, note: noteSpec } = manifest.preprocessing;
  const order = manifest.modalities.order;
  const imageLength = imageSpec.size * imageSpec.size;
  const labCount = labsSpec.items.length;
  const maxTokens = noteSpec.tokenizer.maxTokens;
  const embeddingOutputs = order.map((modality) => manifest.outputs.find((output) => output.role === "embedding" && output.modality === modality)!);
  const embeddingSizes = embeddingOutputs.map((output) => output.shape[1] as number);
  const heatmapOutput = outputWithRole(manifest, "heatmap");
  const [heatmapHeight, heatmapWidth] = heatmapOutput ? (heatmapOutput.shape.slice(2) as number[]) : [0, 0];
  const heatmapLength = heatmapHeight * heatmapWidth;
  const encoderFetches = [...embeddingOutputs.map((output) => output.name), ...(heatmapOutput ? [heatmapOutput.name] : [])];
  const logitName = manifest.head.outputs[0].name;
  const ood = manifest.outOfDistribution;
  const oodIndex = ood ? order.indexOf(ood.modality) : -1;
  const scoreOutOfDistribution = ood ? createOutOfDistributionScorer(ood) : null;
  const cacheSize = options.embeddingCacheSize ?? 512;
  const cache = new Map<string, Embeddings>();

  // Withheld inputs are fed as zeros (the head ignores them through the mask); shared read-only.
  const zeroImage = new Float32Array(imageLength);
  const zeroLabs = new Float32Array(labCount);
  const zeroTokens = new BigInt64Array(maxTokens);

  function concatenate<T extends Float32Array | BigInt64Array>(parts: T[], joined: T, partLength: number): T {
    for (let i = 0; i < parts.length; i++) joined.set(parts[i] as never, i * partLength);
    return joined;
  }

  async function encode(rows: EncoderRow[]): Promise<Array<Omit<Embeddings, "presentKey">>> {
    const n = rows.length;
    const single = n === 1 ? rows[0] : null;
    const image = single ? (single.image ?? zeroImage) : concatenate(rows.map((row) => row.image ?? zeroImage), new Float32Array(n * imageLength), imageLength);
    const labs = single ? (single.labs ?? zeroLabs) : concatenate(rows.map((row) => row.labs ?? zeroLabs), new Float32Array(n * labCount), labCount);
    const tokens = single ? (single.tokens ?? zeroTokens) : concatenate(rows.map((row) => row.tokens ?? zeroTokens), new BigInt64Array(n * maxTokens), maxTokens);
    let outputs: Awaited<ReturnType<typeof encoders.session.run>>;
    try {
      outputs = await encoders.session.run(
        {
          [imageSpec.input]: new Tensor("float32", image, [n, 1, imageSpec.size, imageSpec.size]),
          [labsSpec.input]: new Tensor("float32", labs, [n, labCount]),
          [noteSpec.input]: new Tensor("int64", tokens, [n, maxTokens]),
        },
        encoderFetches,
      );
    } catch (cause) {
      throw new InferenceError("RUN_FAILED", { rows: n, graph: "encoders" }, { cause });
    }
    const embeddingData = embeddingOutputs.map((output) => outputs[output.name].data as Float32Array);
    const heatmaps = heatmapOutput ? (outputs[heatmapOutput.name].data as Float32Array) : null;
    return rows.map((row, i) => {
      // Copies when batched, so a cached entry does not keep the whole batch's buffers alive.
      const byModality = embeddingData.map((values, m) => (n === 1 ? values : values.slice(i * embeddingSizes[m], (i + 1) * embeddingSizes[m])));
      return {
        byModality,
        heatmap: heatmaps && row.image ? (n === 1 ? heatmaps : heatmaps.slice(i * heatmapLength, (i + 1) * heatmapLength)) : null,
        outOfDistribution: scoreOutOfDistribution && row.image && oodIndex >= 0 ? scoreOutOfDistribution(byModality[oodIndex]) : null,
      };
    });
  }

  async function runHead(rows: Array<{ embeddings: Embeddings; mask: Float32Array }>): Promise<Float32Array> {
    const n = rows.length;
    const feeds: Record<string, Tensor> = {};
    embeddingOutputs.forEach((output, m) => {
      const size = embeddingSizes[m];
      const data = n === 1 ? rows[0].embeddings.byModality[m] : concatenate(rows.map((row) => row.embeddings.byModality[m]), new Float32Array(n * size), size);
      feeds[output.name] = new Tensor("float32", data, [n, size]);
    });
    feeds[manifest.modalities.maskInput] = new Tensor("float32", n === 1 ? rows[0].mask : concatenate(rows.map((row) => row.mask), new Float32Array(n * order.length), order.length), [n, order.length]);
    try {
      const outputs = await head.session.run(feeds, [logitName]);
      return outputs[logitName].data as Float32Array;
    } catch (cause) {
      throw new InferenceError("RUN_FAILED", { rows: n, graph: "head" }, { cause });
    }
  }

  async function runBatch(jobs: Job[]): Promise<JobResult[]> {
    const toEncode = jobs.filter((job) => job.cached === null);
    const encoded = toEncode.length > 0 ? await encode(toEncode.map((job) => job.encode!)) : [];
    let next = 0;
    const embeddings = jobs.map((job) => job.cached ?? { ...encoded[next++], presentKey: job.presentKey });
    const headRows = jobs.flatMap((job, j) => job.masks.map((mask) => ({ embeddings: embeddings[j], mask })));
    const logits = await runHead(headRows);
    let offset = 0;
    return jobs.map((job, j) => {
      const result = { embeddings: embeddings[j], logits: logits.subarray(offset, offset + job.masks.length) };
      offset += job.masks.length;
      return result;
    });
  }

  const batcher = new MicroBatcher<Job, JobResult>({ runBatch, maxBatch: options.maxBatch, maxWaitMs: options.maxWaitMs });

  function presence(inputs: CaseInputs): Record<Modality, boolean> {
    const present = { image: inputs.image !== null, labs: inputs.labs !== null, note: inputs.noteTokens !== null };
    if (!present.image && !present.labs && !present.note) throw new InferenceError("NO_INPUT");
    if (inputs.image && inputs.image.tensor.length !== imageLength) throw new InferenceError("RUN_FAILED", { reason: "image tensor size" });
    if (inputs.labs && inputs.labs.length !== labCount) throw new InferenceError("RUN_FAILED", { reason: "labs tensor size" });
    if (inputs.noteTokens && inputs.noteTokens.length !== maxTokens) throw new InferenceError("RUN_FAILED", { reason: "note tensor size" });
    return present;
  }

  const masks = new Map<string, Float32Array>();
  function maskFor(present: Record<Modality, boolean>): Float32Array {
    const key = order.map((modality) => (present[modality] ? "1" : "0")).join("");
    let mask = masks.get(key);
    if (!mask) masks.set(key, (mask = Float32Array.from(order, (modality) => (present[modality] ? 1 : 0))));
    return mask;
  }

  function cached(key: string | undefined, presentKey: string): Embeddings | null {
    if (key === undefined) return null;
    const entry = cache.get(key);
    // A key seen with other modalities present was encoded from other inputs: encode again.
    if (!entry || entry.presentKey !== presentKey) return null;
    cache.delete(key);
    cache.set(key, entry);
    return entry;
  }

  function remember(key: string | undefined, embeddings: Embeddings) {
    if (key === undefined || cacheSize === 0) return;
    cache.delete(key);
    cache.set(key, embeddings);
    if (cache.size > cacheSize) cache.delete(cache.keys().next().value!);
  }

  async function runJob(inputs: CaseInputs, present: Record<Modality, boolean>, jobMasks: Float32Array[], cacheKey: string | undefined) {
    const presentKey = maskFor(present).join("");
    const hit = cached(cacheKey, presentKey);
    const job: Job = {
      encode: hit ? null : { image: inputs.image?.tensor ?? null, labs: inputs.labs, tokens: inputs.noteTokens },
      cached: hit,
      presentKey,
      masks: jobMasks,
    };
    const result = await batcher.submitOne(job);
    if (!hit) remember(cacheKey, result.embeddings);
    return { ...result, fromCache: hit !== null };
  }

  function toHeatmap(values: Float32Array | null): Heatmap | null {
    return values ? { width: heatmapWidth, height: heatmapHeight, values } : null;
  }

  async function predict(inputs: CaseInputs, cacheOptions: CacheOptions = {}): Promise<Prediction> {
    const started = performance.now();
    const present = presence(inputs);
    const { embeddings, logits, fromCache } = await runJob(inputs, present, [maskFor(present)], cacheOptions.cacheKey);
    const { probability, probabilityUncalibrated } = calibrateProbability(logits[0], manifest.calibration);
    return {
      probability,
      probabilityUncalibrated,
      heatmap: toHeatmap(embeddings.heatmap),
      outOfDistribution: embeddings.outOfDistribution,
      embeddingsCached: fromCache,
      modalitiesPresent: present,
      provider,
      latencyMs: performance.now() - started,
    };
  }

  /** One encoder pass (or the cache) and the head on the full mask plus each present modality withheld. */
  async function explain(inputs: CaseInputs, explainOptions: ExplainOptions & CacheOptions = {}): Promise<Explanation> {
    const started = performance.now();
    const present = presence(inputs);
    const withheld = order.filter((modality) => present[modality]);
    const jobMasks = [maskFor(present), ...withheld.map((modality) => maskFor({ ...present, [modality]: false }))];
    // Withholding a case's only modality leaves nothing: its "without" probability is the head's
    // output on an all-zero mask, which the model was trained never to see; report it anyway.
    const { embeddings, logits, fromCache } = await runJob(inputs, present, jobMasks, explainOptions.cacheKey);
    const full = calibrateProbability(logits[0], manifest.calibration);
    const probabilityWithout = {} as Record<Modality, number | null>;
    const contributions = {} as Record<Modality, number | null>;
    for (const modality of order) {
      const index = withheld.indexOf(modality);
      const without = index >= 0 ? calibrateProbability(logits[index + 1], manifest.calibration).probability : null;
      probabilityWithout[modality] = without;
      contributions[modality] = without === null ? null : full.probability - without;
    }
    const heatmap = toHeatmap(embeddings.heatmap);
    return {
      probability: full.probability,
      probabilityUncalibrated: full.probabilityUncalibrated,
      heatmap,
      outOfDistribution: embeddings.outOfDistribution,
      embeddingsCached: fromCache,
      modalitiesPresent: present,
      contributions,
      probabilityWithout,
      overlay: heatmap && inputs.image ? renderExplanationOverlay(heatmap, inputs.image, explainOptions) : null,
      provider,
      latencyMs: performance.now() - started,
    };
  }

  return { predict, explain, batcher, model: options.model, cachedCases: () => cache.size };
}
