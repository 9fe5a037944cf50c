import { z } from "zod";

const executionProviderNames = ["cuda", "tensorrt", "webgpu", "dml", "coreml", "cpu"] as const;

const threadCount = z.coerce.number().int().min(0).max(256);

// Parsed once from the environment; 0 threads means "let onnxruntime decide".
const inferenceEnvSchema = z.object({
  INFERENCE_PROVIDERS: z
    .string()
    .default("cpu")
    .transform((value) => value.split(",").map((name) => name.trim().toLowerCase()).filter(Boolean))
    .pipe(z.array(z.enum(executionProviderNames)).min(1)),
  INFERENCE_INTRA_OP_THREADS: threadCount.default(0),
  INFERENCE_INTER_OP_THREADS: threadCount.default(0),
  INFERENCE_MAX_BATCH: z.coerce.number().int().min(1).max(1024).default(16),
  INFERENCE_MAX_WAIT_MS: z.coerce.number().min(0).max(1000).default(2),
});

/** @public The catalogue its type is derived from. */
export const inferenceConfigSchema = z.object({
  providers: z.array(z.enum(executionProviderNames)).min(1),
  intraOpThreads: threadCount,
  interOpThreads: threadCount,
  maxBatch: z.number().int().min(1),
  maxWaitMs: z.number().min(0),
});

export type InferenceConfig = z.infer<typeof inferenceConfigSchema>;
export type ExecutionProviderName = InferenceConfig["providers"][number];

export function readInferenceConfig(env: Record<string, string | undefined> = process.env): InferenceConfig {
  // Empty strings (e.g. `INFERENCE_PROVIDERS=` in .env) mean "unset".
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ""));
  const parsed = inferenceEnvSchema.parse(present);
  return {
    providers: parsed.INFERENCE_PROVIDERS,
    intraOpThreads: parsed.INFERENCE_INTRA_OP_THREADS,
    interOpThreads: parsed.INFERENCE_INTER_OP_THREADS,
    maxBatch: parsed.INFERENCE_MAX_BATCH,
    maxWaitMs: parsed.INFERENCE_MAX_WAIT_MS,
  };
}
