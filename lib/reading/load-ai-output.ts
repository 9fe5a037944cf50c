import "server-only";
import type { Db } from "@/lib/db/client";
import { z } from "zod";
import { modelManifestSchema } from "@/lib/inference/manifest";

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

/** The latest successful model output for a case, as the AI panel shows it; null when the model failed. */
export async function loadAiOutput(db: Db, caseId: string): Promise<AiOutput | null> {
  const inference = await db.inference.findFirst({ where: { caseId, status: "SUCCEEDED" }, orderBy: { createdAt: "desc" }, include: { modelVersion: true, case: { select: { outOfIntendedUse: true, intendedUseReasons: true } } } });
  if (!inference || inference.probability === null) return null;
  const manifest = modelManifestSchema.parse(inference.modelVersion.manifest);
  const stored = storedOutputsSchema.safeParse(inference.outputs ?? {});
  const outputs = stored.success ? stored.data : {};
  const v2 = manifest.schemaVersion === 2 ? manifest : null;
  return {
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
  };
}
