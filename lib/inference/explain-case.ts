import type { ModelVersion } from "@/lib/db/generated/client";
import { absoluteBlobPath } from "@/lib/storage/blob-store";
import { readInferenceConfig } from "./inference-config";
import { loadModel } from "./load-model";
import type { ModelManifest } from "./manifest";
import { createInferenceService, type CaseInputs, type Explanation, type InferenceService } from "./run-inference";

export type ModelRef = Pick<ModelVersion, "sha256" | "storagePath" | "manifest">;

// One service (session + micro-batcher) per model file for the life of the process.
const services = new Map<string, Promise<InferenceService>>();

function inferenceServiceFor(model: ModelRef): Promise<InferenceService> {
  let service = services.get(model.sha256);
  if (!service) {
    const config = readInferenceConfig();
    service = loadModel({ modelPath: absoluteBlobPath(model.storagePath), manifest: model.manifest, config }).then((loaded) =>
      createInferenceService({ model: loaded, maxBatch: config.maxBatch, maxWaitMs: config.maxWaitMs }),
    );
    service.catch(() => services.delete(model.sha256));
    services.set(model.sha256, service);
  }
  return service;
}

/**
 * Runs a model on one case with explanations and returns the result; it stores nothing (the
 * caller, lib/cases/run-case-inference.ts, decides what is kept). `prepare` turns the raw case into
 * model inputs once the manifest is known.
 */
export async function explainCase(model: ModelRef, prepare: (manifest: ModelManifest) => CaseInputs | Promise<CaseInputs>): Promise<Explanation> {
  const service = await inferenceServiceFor(model);
  return service.explain(await prepare(service.model.manifest));
}
