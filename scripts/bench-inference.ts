// Inference benchmark: model v1 (one graph) and v2 (encoders + head) side by side in one run:
// raw onnxruntime vs the portal's service path, explanation cost, batching throughput, DICOM
// preprocessing, and arithmetic efficiency against a peak measured the same way.
// `npm run bench:inference`. Thread and provider settings come from the app's env vars (INFERENCE_*).
import { readFileSync } from "node:fs";
import os from "node:os";
import { readInferenceConfig } from "../lib/inference/inference-config";
import { parseModelManifest } from "../lib/inference/load-model";
import { preprocessImageBytes } from "../lib/inference/preprocess-image";
import { releaseAllSessions } from "../lib/inference/session-pool";
import { fixturePath, readReferenceManifestJson } from "../lib/inference/testing/reference-model";
import { describeAchieved, measurePeaks } from "./bench-inference/measure-peak";
import { loadV1, loadV2, type ModelUnderTest } from "./bench-inference/models-under-test";

function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function timeEach(count: number, run: (i: number) => Promise<unknown> | unknown): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < count; i++) {
    const started = performance.now();
    await run(i);
    samples.push(performance.now() - started);
  }
  return samples;
}

async function rateOf(cases: number, run: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await run();
  return cases / ((performance.now() - started) / 1000);
}

const ms = (value: number) => `${value.toFixed(3)} ms`;
const perSecond = (value: number) => `${value.toFixed(0)} cases/s`;
const p50 = (samples: number[]) => percentile(samples, 50);

type Figures = {
  raw: number[]; served: number[]; single: number[]; explained: number[]; explainedCached: number[];
  sequential: number[]; concurrent: number[]; rawBatch: number[]; rawBatchRunMs: number[]; batching: { runs: number; rows: number };
};

async function main() {
  const benchStarted = performance.now();
  const config = readInferenceConfig();
  const models = [await loadV1(config), await loadV2(config)];
  console.log(`providers requested ${config.providers.join(",")}; used: ${models.map((m) => `${m.label} -> ${m.provider}`).join("; ")}`);
  console.log(`intra-op threads ${config.intraOpThreads || "auto"}, inter-op threads ${config.interOpThreads || "auto"}, ${os.cpus().length} CPUs (${os.cpus()[0]?.model.trim()}), node ${process.version}`);
  if (!models.some((m) => m.provider === "cuda")) console.log("CUDA: not measured (no GPU on this host, or INFERENCE_PROVIDERS does not list cuda)");

  const figures = new Map<ModelUnderTest, Figures>(models.map((m) => [m, { raw: [], served: [], single: [], explained: [], explainedCached: [], sequential: [], concurrent: [], rawBatch: [], rawBatchRunMs: [], batching: { runs: 0, rows: 0 } }]));
  // Warm-up: graph caches, thread pools, JIT of the TypeScript path.
  for (const model of models) {
    for (let i = 0; i < 300; i++) {
      await model.rawSingle(i);
      await model.predict(i);
      if (i % 10 === 0) await model.explain(model.fullCases[i % model.fullCases.length]);
    }
  }

  // Every measurement runs in rounds that alternate the models, so drift on a shared host hits both alike.
  for (let round = 0; round < 6; round++) {
    for (const model of models) {
      const f = figures.get(model)!;
      f.raw.push(...(await timeEach(400, (i) => model.rawSingle(i))));
      f.served.push(...(await timeEach(400, (i) => model.predict(i))));
    }
  }
  let cacheRound = 0;
  for (let round = 0; round < 4; round++) {
    for (const model of models) {
      const f = figures.get(model)!;
      const full = (i: number) => model.fullCases[i % model.fullCases.length];
      f.single.push(...(await timeEach(200, (i) => model.predict(full(i)))));
      f.explained.push(...(await timeEach(200, (i) => model.explain(full(i)))));
      if (model.label.endsWith("2.0.0")) {
        // A case explained again (or after its prediction): embeddings from the cache, only the head runs.
        cacheRound++;
        for (const i of model.fullCases) await model.explain(i, `case-${cacheRound}-${i}`);
        f.explainedCached.push(...(await timeEach(200, (i) => model.explain(full(i), `case-${cacheRound}-${full(i)}`))));
      }
    }
  }
  const callers = 16;
  for (const model of models) for (let i = 0; i < 20; i++) await model.rawBatch16();
  for (let round = 0; round < 8; round++) {
    for (const model of models) {
      const f = figures.get(model)!;
      f.sequential.push(await rateOf(400, async () => {
        for (let i = 0; i < 400; i++) await model.predict(i);
      }));
      const before = model.batcherTotals();
      f.concurrent.push(await rateOf(callers * 40, () =>
        Promise.all(Array.from({ length: callers }, async (_, caller) => {
          for (let k = 0; k < 40; k++) await model.predict(caller + k);
        })),
      ));
      const after = model.batcherTotals();
      f.batching.runs += after.batches - before.batches;
      f.batching.rows += after.rows - before.rows;
      f.rawBatch.push(await rateOf(16 * 40, async () => {
        for (let i = 0; i < 40; i++) {
          const started = performance.now();
          await model.rawBatch16();
          f.rawBatchRunMs.push(performance.now() - started);
        }
      }));
    }
  }

  for (const model of models) {
    const f = figures.get(model)!;
    const v2 = model.label.endsWith("2.0.0");
    console.log(`\n[${model.label}, provider ${model.provider}]`);
    console.log(`latency per case, batch 1 (n=${f.raw.length} each): raw ${v2 ? "encoders+head session.run" : "session.run"} p50 ${ms(p50(f.raw))} p95 ${ms(percentile(f.raw, 95))}; service p50 ${ms(p50(f.served))} p95 ${ms(percentile(f.served, 95))}`);
    console.log(`explain (n=${f.explained.length}): plain run p50 ${ms(p50(f.single))}; explain ${v2 ? "(1 encoder row + 4 head rows + overlay PNG, 2 px per heat-map cell)" : "(4-row batch + overlay PNG, 2 px per heat-map cell)"} p50 ${ms(p50(f.explained))} p95 ${ms(percentile(f.explained, 95))}`);
    if (v2) console.log(`explain with cached embeddings (head rows + overlay only): p50 ${ms(p50(f.explainedCached))}`);
    console.log(`throughput (medians of 8 rounds): one caller ${perSecond(p50(f.sequential))}; 16 concurrent callers ${perSecond(p50(f.concurrent))} (mean batch ${(f.batching.rows / Math.max(1, f.batching.runs)).toFixed(1)} over ${f.batching.runs} runs); raw batches of 16 ${perSecond(p50(f.rawBatch))}`);
  }

  const [v1, v2] = models.map((m) => figures.get(m)!);
  const row = (name: string, a: number, b: number, target: string) => console.log(`${name.padEnd(28)} ${a.toFixed(2).padStart(6)}   ${b.toFixed(2).padStart(6)}   ${target}`);
  console.log(`\n[v1 vs v2, same run: p50 ratios]       v1       v2   target`);
  row("service/raw", p50(v1.served) / p50(v1.raw), p50(v2.served) / p50(v2.raw), "<= 1.2 (v2: encoders + head counted)");
  row("explain/single", p50(v1.explained) / p50(v1.single), p50(v2.explained) / p50(v2.single), "v2 <= 1.5 (v1 <= 3)");
  row("explain-cached/single", Number.NaN, p50(v2.explainedCached) / p50(v2.single), "(v2 only)");
  row("concurrent/raw-batch", p50(v1.concurrent) / p50(v1.rawBatch), p50(v2.concurrent) / p50(v2.rawBatch), ">= 0.8");
  row("v2/v1 service latency", 1, p50(v2.served) / p50(v1.served), "(same inputs' shapes)");

  console.log(`\n[DICOM decode + preprocess per image, n=200 each]`);
  const imageSpec = parseModelManifest(readReferenceManifestJson()).preprocessing.image;
  for (const name of ["CT_small.dcm", "MR_small.dcm", "chest-cr.dcm"]) {
    const bytes = new Uint8Array(readFileSync(fixturePath("dicom", name)));
    for (let i = 0; i < 50; i++) preprocessImageBytes(bytes, imageSpec);
    const samples = await timeEach(200, () => preprocessImageBytes(bytes, imageSpec));
    const decoded = preprocessImageBytes(bytes, imageSpec);
    console.log(`${name} (${decoded.sourceWidth}x${decoded.sourceHeight} -> ${decoded.size}x${decoded.size}): p50 ${ms(p50(samples))}  p95 ${ms(percentile(samples, 95))}`);
  }

  const provider = models[1].provider as Parameters<typeof measurePeaks>[0];
  const peaks = await measurePeaks(provider, config);
  console.log(`\n[arithmetic, provider ${provider}: same session options as the models, each figure from its fastest single run (peaks: of 200 runs per size; models: of the runs above)]`);
  for (const peak of peaks) console.log(`measured peak ${peak.kind}: ${(peak.flopsPerSecond / 1e9).toFixed(1)} GFLOP/s`);
  for (const model of models) {
    const f = figures.get(model)!;
    const achievedBatch = model.flopsPerCase * 16 * (1000 / Math.min(...f.rawBatchRunMs));
    const achievedSingle = model.flopsPerCase * (1000 / Math.min(...f.raw));
    console.log(`${model.label}: ${(model.flopsPerCase / 1e6).toFixed(2)} MFLOPs per case (Conv + Gemm MACs x 2)`);
    console.log(`  raw batch 16: ${(achievedBatch / 1e9).toFixed(2)} GFLOP/s = ${peaks.map((peak) => describeAchieved(achievedBatch, peak)).join("; ")}`);
    console.log(`  raw batch 1:  ${(achievedSingle / 1e9).toFixed(2)} GFLOP/s = ${peaks.map((peak) => describeAchieved(achievedSingle, peak)).join("; ")}`);
  }
  console.log(`\nbench finished in ${((performance.now() - benchStarted) / 1000).toFixed(1)} s`);
  await releaseAllSessions();
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
