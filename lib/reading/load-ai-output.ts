import "server-only";
import type { Db } from "@/lib/db/client";
import { modelManifestSchema } from "@/lib/inference/manifest";

export type AiOutput = {
  probability: number;
  contributions: Record<string, number | null>;
  provider: string | null;
  latencyMs: number | null;
  overlayUrl: string | null;
  model: { id: string; name: string; version: string; notForClinicalUse: boolean };
};

/** The latest successful model output for a case, as the AI panel shows it; null when the model failed. */
export async function loadAiOutput(db: Db, caseId: string): Promise<AiOutput | null> {
  const inference = await db.inference.findFirst({ where: { caseId, status: "SUCCEEDED" }, orderBy: { createdAt: "desc" }, include: { modelVersion: true } });
  if (!inference || inference.probability === null) return null;
  const manifest = modelManifestSchema.parse(inference.modelVersion.manifest);
  return {
    probability: inference.probability,
    contributions: inference.contributions as Record<string, number | null>,
    provider: inference.executionProvider,
    latencyMs: inference.latencyMs,
    overlayUrl: inference.overlayPath ? `/api/cases/${caseId}/overlay` : null,
    model: { id: inference.modelVersion.id, name: manifest.name, version: manifest.version, notForClinicalUse: manifest.notForClinicalUse },
  };
}
