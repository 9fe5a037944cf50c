import "server-only";
import { runImageTask } from "@/lib/cases/image-pool";
import type { Db } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import { explainCase } from "@/lib/inference/explain-case";
import { isInferenceError } from "@/lib/inference/inference-error";
import { prepareCaseInputs } from "@/lib/inference/prepare-case-inputs";
import { updateCaseKpis } from "@/lib/kpi/kpi-rollups";
import { readBlob, storeBlob } from "@/lib/storage/blob-store";

/**
 * Runs the PoC's model on a stored (de-identified) case with explanations, and records the result —
 * or the failure with its code, leaving the case intact. A case already explained by this model
 * version is not run again. lib/inference computes; storing the overlay and the row happens here.
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
    const image = item.images[0];
    const imageBytes = image ? await readBlob(image.storagePath) : null;
    const explanation = await explainCase(model, async (manifest) => ({
      ...prepareCaseInputs({ labs: item.labValues as Record<string, number | null>, note: item.noteText }, manifest),
      // Decoding and resampling the image is the heavy part: it runs in the worker pool.
      image: imageBytes ? await runImageTask("preprocessImage", { bytes: imageBytes, spec: manifest.preprocessing.image }) : null,
    }));
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
