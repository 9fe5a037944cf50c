import "server-only";
import { caseScope, type Actor } from "@/lib/auth/site-scope";
import type { Db } from "@/lib/db/client";
import { z } from "zod";
import { AppError } from "@/lib/errors";
import { modelManifestSchema } from "@/lib/inference/manifest";
import { decideAiRelease, type AiReleaseDecision } from "@/lib/reading/ai-release";
import { readBlob } from "@/lib/storage/blob-store";

export type AiOutput = {
  probability: number;
  contributions: Record<string, number | null>;
  provider: string | null;
  latencyMs: number | null;
  overlayUrl: string | null;
  model: { id: string; name: string; version: string; notForClinicalUse: boolean };
  /** What a reader should know about this output (model v2): calibration, an unusual image, a case outside the intended use. */
  caveats: {
    calibration: { temperature: number; probabilityUncalibrated: number } | null;
    outOfDistribution: { score: number; threshold: number; falseAlarmRate: number } | null;
    outsideIntendedUseReasons: string[] | null;
  };
};

const storedOutputsSchema = z.object({
  probabilityUncalibrated: z.number().optional(),
  outOfDistribution: z.object({ score: z.number(), threshold: z.number(), flagged: z.boolean() }).nullable().optional(),
});

/** The blinding decision for this viewer and case (NOT_FOUND outside the viewer's sites). */
async function loadAiRelease(db: Db, viewer: Actor, caseId: string, now = new Date()): Promise<AiReleaseDecision> {
  const item = await db.case.findFirst({
    where: { id: caseId, ...caseScope(viewer) },
    select: { poc: { select: { status: true, aiMode: true } }, reads: { where: { readerId: viewer.id }, select: { arm: true, status: true, firstCall: true, availableFrom: true } } },
  });
  if (!item) throw new AppError("NOT_FOUND");
  return decideAiRelease({ role: viewer.role, pocStatus: item.poc.status, aiMode: item.poc.aiMode, reads: item.reads }, now);
}

/**
 * The latest successful model output for a case, as the AI panel shows it, when the blinding rule
 * releases it to this viewer now; null when it is withheld or the model failed.
 */
export async function loadReleasedAiOutput(db: Db, viewer: Actor, caseId: string, now = new Date()): Promise<{ release: AiReleaseDecision; output: AiOutput | null }> {
  const release = await loadAiRelease(db, viewer, caseId, now);
  if (!release.released) return { release, output: null };
  const inference = await db.inference.findFirst({ where: { caseId, status: "SUCCEEDED" }, orderBy: { createdAt: "desc" }, include: { modelVersion: true, case: { select: { outOfIntendedUse: true, intendedUseReasons: true } } } });
  if (!inference || inference.probability === null) return { release, output: null };
  const manifest = modelManifestSchema.parse(inference.modelVersion.manifest);
  const stored = storedOutputsSchema.safeParse(inference.outputs ?? {});
  const outputs = stored.success ? stored.data : {};
  const v2 = manifest.schemaVersion === 2 ? manifest : null;
  return {
    release,
    output: {
      probability: inference.probability,
      contributions: inference.contributions as Record<string, number | null>,
      provider: inference.executionProvider,
      latencyMs: inference.latencyMs,
      overlayUrl: inference.overlayPath ? `/api/cases/${caseId}/overlay` : null,
      model: { id: inference.modelVersion.id, name: manifest.name, version: manifest.version, notForClinicalUse: manifest.notForClinicalUse },
      caveats: {
        calibration: v2 && outputs.probabilityUncalibrated !== undefined ? { temperature: v2.calibration.temperature, probabilityUncalibrated: outputs.probabilityUncalibrated } : null,
        outOfDistribution:
          v2?.outOfDistribution && outputs.outOfDistribution?.flagged
            ? { score: outputs.outOfDistribution.score, threshold: outputs.outOfDistribution.threshold, falseAlarmRate: v2.outOfDistribution.falseAlarmRate.value }
            : null,
        outsideIntendedUseReasons: inference.case.outOfIntendedUse ? inference.case.intendedUseReasons : null,
      },
    },
  };
}

/** The heat-map overlay (PNG bytes) when the blinding rule releases it: AI_OUTPUT_BLINDED otherwise, NOT_FOUND when there is none. */
export async function readReleasedOverlay(db: Db, viewer: Actor, caseId: string, now = new Date()): Promise<Uint8Array<ArrayBuffer>> {
  const release = await loadAiRelease(db, viewer, caseId, now);
  if (!release.released) throw new AppError("AI_OUTPUT_BLINDED");
  const inference = await db.inference.findFirst({ where: { caseId, status: "SUCCEEDED" }, orderBy: { createdAt: "desc" }, select: { overlayPath: true } });
  if (!inference?.overlayPath) throw new AppError("NOT_FOUND");
  return new Uint8Array(await readBlob(inference.overlayPath));
}
