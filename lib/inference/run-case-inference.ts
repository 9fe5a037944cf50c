import "server-only";
import type { Db } from "@/lib/db/client";
import type { ModelVersion, Prisma } from "@/lib/db/generated/client";
import { updateCaseKpis } from "@/lib/kpi/kpi-rollups";
import { readInferenceConfig } from "@/lib/inference/inference-config";
import { isInferenceError } from "@/lib/inference/inference-error";
import { loadModel } from "@/lib/inference/load-model";
import { prepareCaseInputs } from "@/lib/inference/prepare-case-inputs";
import { createInferenceService, type InferenceService } from "@/lib/inference/run-inference";
import { absoluteBlobPath, readBlob, storeBlob } from "@/lib/storage/blob-store";

// One service (session + micro-batcher) per model file for the life of the process.
const services = new Map<string, Promise<InferenceService>>();

function inferenceServiceFor(model: Pick<ModelVersion, "sha256" | "storagePath" | "manifest">): Promise<InferenceService> {
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
 * Runs the PoC's model on a stored (de-identified) case with explanations, and records the result —
 * or the failure with its code, leaving the case intact. A case already explained by this model
 * version is not run again.
 */
export async function runCaseInference(db: Db, caseId: string) {
  const item = await db.case.findUniqueOrThrow({
    where: { id: caseId },
    include: { images: { orderBy: { createdAt: "asc" }, take: 1 }, poc: { include: { modelVersion: true } } },
  });
  const model = item.poc.modelVersion;
  const done = await db.inference.findFirst({ where: { caseId, modelVersionId: model.id, status: "SUCCEEDED" } });
  if (done) return done;

  try {
    const service = await inferenceServiceFor(model);
    const image = item.images[0];
    const inputs = prepareCaseInputs(
      { imageBytes: image ? await readBlob(image.storagePath) : null, labs: item.labValues as Record<string, number | null>, note: item.noteText },
      service.model.manifest,
    );
    const explanation = await service.explain(inputs);
    const overlay = explanation.overlay ? await storeBlob("overlays", explanation.overlay.png, ".png") : null;
    // A new score moves the AI's KPIs of the case (and the aided reads' agreement with it).
    return await db.$transaction((tx) => updateCaseKpis(tx, { pocId: item.pocId, caseIds: [caseId] }, () => tx.inference.create({
      data: {
        caseId,
        modelVersionId: model.id,
        status: "SUCCEEDED",
        probability: explanation.probability,
        outputs: { probabilityWithout: explanation.probabilityWithout, modalitiesPresent: explanation.modalitiesPresent, overlaySize: explanation.overlay ? [explanation.overlay.width, explanation.overlay.height] : null } as Prisma.InputJsonValue,
        overlayPath: overlay?.storagePath ?? null,
        contributions: explanation.contributions as Prisma.InputJsonValue,
        executionProvider: explanation.provider,
        latencyMs: explanation.latencyMs,
      },
    })));
  } catch (error) {
    const errorCode = isInferenceError(error) ? error.code : "RUN_FAILED";
    if (!isInferenceError(error)) console.error(`[inference] case ${caseId} failed: ${error instanceof Error ? error.name : typeof error}`);
    return db.inference.create({ data: { caseId, modelVersionId: model.id, status: "FAILED", errorCode } });
  }
}
