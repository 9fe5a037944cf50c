// The "peak" a model's achieved FLOP rate is compared with, measured the same way as the model:
// the same execution provider, the same session options (threads, graph optimisation), the same
// statistic (the fastest single run of N) and run lengths like the model's (sub-millisecond to a few
// ms: on a shared host a long run is almost always interrupted), on MatMuls and 3x3 convolutions of
// known FLOPs. The best size of each kind is its peak.
import { InferenceSession, Tensor } from "onnxruntime-node";
import type { ExecutionProviderName, InferenceConfig } from "../../lib/inference/inference-config";
import { sessionOptionsFor } from "../../lib/inference/session-pool";
import { fixturePath } from "../../lib/inference/testing/reference-model";

type Peak = { kind: string; flopsPerSecond: number };

async function fastestRate(session: InferenceSession, feeds: Record<string, Tensor>, flopsPerRun: number, runs: number): Promise<number> {
  for (let i = 0; i < 3; i++) await session.run(feeds);
  let fastestMs = Number.POSITIVE_INFINITY;
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await session.run(feeds);
    fastestMs = Math.min(fastestMs, performance.now() - started);
  }
  return flopsPerRun / (fastestMs / 1000);
}

const filled = (length: number) => Float32Array.from({ length }, (_, i) => ((i * 7919) % 1000) / 1000 - 0.5);

export async function measurePeaks(provider: ExecutionProviderName, config: Pick<InferenceConfig, "intraOpThreads" | "interOpThreads">, runs = 200): Promise<Peak[]> {
  const options = sessionOptionsFor(provider, config);
  const peaks: Peak[] = [];
  // models/v2/train/make_fixtures.py: MatMul with dynamic M, K, N; 3x3 conv 32 -> 32 with dynamic N, H, W.
  const matmul = await InferenceSession.create(fixturePath("models", "matmul-peak-dynamic.onnx"), options);
  let best = { size: 0, rate: 0 };
  for (const size of [128, 192, 256, 384]) {
    const square = () => new Tensor("float32", filled(size * size), [size, size]);
    const rate = await fastestRate(matmul, { a: square(), b: square() }, 2 * size ** 3, runs);
    if (rate > best.rate) best = { size, rate };
  }
  await matmul.release();
  peaks.push({ kind: `MatMul float32 (best of 128^3..384^3: ${best.size}^3)`, flopsPerSecond: best.rate });
  const conv = await InferenceSession.create(fixturePath("models", "conv-peak.onnx"), options);
  best = { size: 0, rate: 0 };
  for (const side of [16, 32, 48, 64]) {
    const rate = await fastestRate(conv, { x: new Tensor("float32", filled(32 * side * side), [1, 32, side, side]) }, 2 * 32 * 32 * 9 * side * side, runs);
    if (rate > best.rate) best = { size: side, rate };
  }
  await conv.release();
  peaks.push({ kind: `Conv 3x3 32->32 float32 (best of 16^2..64^2: ${best.size}^2)`, flopsPerSecond: best.rate });
  return peaks;
}

/** "x% of peak" only when below 100%; otherwise why the two figures are not comparable. */
export function describeAchieved(achievedFlopsPerSecond: number, peak: Peak): string {
  const percent = (100 * achievedFlopsPerSecond) / peak.flopsPerSecond;
  if (!Number.isFinite(percent)) return `vs ${peak.kind}: not comparable (no FLOP count in the manifest)`;
  if (percent < 100) return `${percent.toFixed(1)}% of the ${peak.kind} peak`;
  return `vs ${peak.kind}: not comparable (achieved exceeds this peak by ${(percent - 100).toFixed(0)}%: one of the two runs was disturbed by other load, or the manifest's FLOP count overstates the work; no fraction printed)`;
}
