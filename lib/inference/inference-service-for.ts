import type { ModelVersion } from "@/lib/db/generated/client";
import { absoluteBlobPath } from "@/lib/storage/blob-store";
import { readInferenceConfig } from "./inference-config";
import { InferenceError } from "./inference-error";
import { loadEncoderHeadModel, loadModel } from "./load-model";
import { modelManifestSchema } from "./manifest";
import { createEncoderHeadService, type EncoderHeadService } from "./run-encoder-head-inference";
import { createInferenceService, type InferenceService } from "./run-inference";

export type ModelRef = Pick<ModelVersion, "sha256" | "storagePath" | "manifest" | "encodersStoragePath">;
type AnyInferenceService = InferenceService | EncoderHeadService;

// One service (sessions + micro-batcher, and for v2 the embedding cache) per model version for the
// life of the process. v2 versions that share encoders share the encoders' pooled session.
const services = new Map<string, Promise<AnyInferenceService>>();

async function createService(model: ModelRef): Promise<AnyInferenceService> {
  const config = readInferenceConfig();
  const batching = { maxBatch: config.maxBatch, maxWaitMs: config.maxWaitMs };
  if (modelManifestSchema.parse(model.manifest).schemaVersion === 1) {
    const loaded = await loadModel({ modelPath: absoluteBlobPath(model.storagePath), manifest: model.manifest, config });
    return createInferenceService({ model: loaded, ...batching });
  }
  if (!model.encodersStoragePath) throw new InferenceError("MODEL_LOAD_FAILED", { reason: "encoders file not registered" });
  const loaded = await loadEncoderHeadModel({ modelPath: absoluteBlobPath(model.encodersStoragePath), headPath: absoluteBlobPath(model.storagePath), manifest: model.manifest, config });
  return createEncoderHeadService({ model: loaded, ...batching });
}

export function inferenceServiceFor(model: ModelRef): Promise<AnyInferenceService> {
  let service = services.get(model.sha256);
  if (!service) {
    service = createService(model);
    service.catch(() => services.delete(model.sha256));
    services.set(model.sha256, service);
  }
  return service;
}
