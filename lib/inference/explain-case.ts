import { inferenceServiceFor, type ModelRef } from "./inference-service-for";
import type { ModelManifest } from "./manifest";
import type { CaseInputs, Explanation } from "./run-inference";

/**
 * Runs a model (v1, or v2's encoders + head) on one case with explanations and returns the result;
 * it stores nothing (the caller, lib/cases/run-case-inference.ts, decides what is kept). `prepare`
 * turns the raw case into model inputs once the manifest is known; `cacheKey` (the case id) lets v2
 * reuse the case's embeddings.
 */
export async function explainCase(model: ModelRef, prepare: (manifest: ModelManifest) => CaseInputs | Promise<CaseInputs>, options: { cacheKey?: string } = {}): Promise<Explanation> {
  const service = await inferenceServiceFor(model);
  return service.explain(await prepare(service.model.manifest), options);
}
