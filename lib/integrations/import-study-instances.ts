import "server-only";
import type { Actor as Clinician } from "@/lib/auth/site-scope";
import { submitCase } from "@/lib/cases/submit-case";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { modelManifestSchema } from "@/lib/inference/manifest";
import { fetchStudyLabs, type StudyLabSummary } from "./fetch-study-labs";
import { ImportFailure } from "./import-reasons";
import { readStudyInstance } from "./read-study-instance";
import type { SiteConnections } from "./site-integration";
import { caseKeyForStudy } from "./study-import-key";

export type ImportedStudy = { caseId: string; duplicate: boolean; labSummary: StudyLabSummary; skippedInstances: number };

/**
 * One study's instances (identified, in memory) → one de-identified case, through the same
 * submitCase pipeline as an upload: non-image instances are left out, the patient's labs come from
 * the EHR (read with the PatientID that never leaves this function), and the case key comes from the
 * study key, so pulling or pushing the same study again finds the same case.
 */
export async function importStudyInstances(
  db: Db,
  options: { poc: { id: string; modelVersion: { manifest: unknown } }; clinician: Clinician; studyKey: string; instances: Uint8Array[]; confirmBurnedIn: boolean; connections: SiteConnections; onDeidentifying?: () => Promise<void> },
): Promise<ImportedStudy> {
  const facts = options.instances.map((bytes, index) => {
    const read = readStudyInstance(bytes);
    if (!read) throw new AppError("FILE_UNREADABLE", { file: index + 1 });
    return { bytes, ...read };
  });
  const images = facts.filter((fact) => fact.isImage);
  if (images.length === 0) throw new ImportFailure("NO_IMAGE_INSTANCES");
  const first = images[0]!;
  const manifest = modelManifestSchema.parse(options.poc.modelVersion.manifest);
  const labs = await fetchStudyLabs(options.connections.ehr, manifest.preprocessing.labs, first.patientId, first.studyTime, options.connections.labWindowHours);
  await options.onDeidentifying?.();
  const submitted = await submitCase(
    db,
    options.clinician,
    { mode: "submit", pocId: options.poc.id, idempotencyKey: caseKeyForStudy(options.studyKey), labs: labs.values, note: "", noteLanguage: "en", confirmBurnedIn: options.confirmBurnedIn },
    images.map((image) => ({ bytes: image.bytes })),
  );
  return { caseId: submitted.caseId, duplicate: submitted.duplicate, labSummary: labs.summary, skippedInstances: facts.length - images.length };
}
