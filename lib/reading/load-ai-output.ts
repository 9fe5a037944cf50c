import "server-only";
import { caseScope, type Actor } from "@/lib/auth/site-scope";
import type { Db } from "@/lib/db/client";
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
};

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
  const inference = await db.inference.findFirst({ where: { caseId, status: "SUCCEEDED" }, orderBy: { createdAt: "desc" }, include: { modelVersion: true } });
  if (!inference || inference.probability === null) return { release, output: null };
  const manifest = modelManifestSchema.parse(inference.modelVersion.manifest);
  return {
    release,
    output: {
      probability: inference.probability,
      contributions: inference.contributions as Record<string, number | null>,
      provider: inference.executionProvider,
      latencyMs: inference.latencyMs,
      overlayUrl: inference.overlayPath ? `/api/cases/${caseId}/overlay` : null,
      model: { id: inference.modelVersion.id, name: manifest.name, version: manifest.version, notForClinicalUse: manifest.notForClinicalUse },
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
