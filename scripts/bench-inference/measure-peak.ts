// The "peak" a model's achieved FLOP rate is compared with, measured the same way as the model:
// the same execution provider, the same session options (threads, graph optimisation), and the same
// statistic (the fastest single run of N), on a MatMul and on a convolution of known FLOPs.
import { InferenceSession, Tensor } from "onnxruntime-node";
import type { ExecutionProviderName, InferenceConfig } from "../../lib/inference/inference-config";
import { sessionOptionsFor } from "../../lib/inference/session-pool";
import { fixturePath } from "../../lib/inference/testing/reference-model";

type Peak = { kind: string; flopsPerSecond: number };

async function bestRate(session: InferenceSession, feeds: Record<string, Tensor>, flopsPerRun: number, runs: number): Promise<number> {
  for (let i = 0; i < 2; i++) await session.run(feeds);
  let fastestMs = Number.POSITIVE_INFINITY;
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await session.run(feeds);
    fastestMs = Math.min(fastestMs, performance.now() - started);
  }
  return flopsPerRun / (fastestMs / 1000);
}

const filled = (length: number) => Float32Array.from({ length }, (_, i) => ((i * 7919) % 1000) / 1000 - 0.5);

export async function measurePeaks(provider: ExecutionProviderName, config: Pick<InferenceConfig, "intraOpThreads" | "interOpThreads">, runs = 20): Promise<Peak[]> {
  const options = sessionOptionsFor(provider, config);
  const matmul = await InferenceSession.create(fixturePath("models", "matmul-peak.onnx"), options);
  const size = 1024;
  const matmulRate = await bestRate(matmul, { a: new Tensor("float32", filled(size * size), [size, size]), b: new Tensor("float32", filled(size * size), [size, size]) }, 2 * size ** 3, runs);
  await matmul.release();
  // conv-peak.onnx: 3x3, 32 -> 32 channels, 128x128, same padding (models/v2/train/make_fixtures.py).
  const conv = await InferenceSession.create(fixturePath("models", "conv-peak.onnx"), options);
  const batch = 8;
  const convFlops = 2 * 32 * 32 * 9 * 128 * 128 * batch;
  const convRate = await bestRate(conv, { x: new Tensor("float32", filled(batch * 32 * 128 * 128), [batch, 32, 128, 128]) }, convFlops, runs);
  await conv.release();
  return [
    { kind: `MatMul 1024^3 float32`, flopsPerSecond: matmulRate },
    { kind: `Conv 3x3 32->32 @128x128 x${batch} float32`, flopsPerSecond: convRate },
  ];
}

/** "x% of peak" only when below 100%; otherwise why the two figures are not comparable. */
export function describeAchieved(achievedFlopsPerSecond: number, peak: Peak): string {
  const percent = (100 * achievedFlopsPerSecond) / peak.flopsPerSecond;
  if (!Number.isFinite(percent)) return `vs ${peak.kind}: not comparable (no FLOP count in the manifest)`;
  if (percent < 100) return `${percent.toFixed(1)}% of the ${peak.kind} peak`;
  return `vs ${peak.kind}: not comparable (achieved exceeds the measured peak by ${(percent - 100).toFixed(0)}%: the peak was disturbed by other load, or the manifest's FLOP count overstates the work; no fraction printed)`;
}
