import "server-only";
import { createHmac } from "node:crypto";
import { actorFields, recordAuditEvent } from "@/lib/audit/record-audit-event";
import { pocScope, type Actor } from "@/lib/auth/site-scope";
import { runImageTask } from "@/lib/cases/image-pool";
import { imageError } from "@/lib/cases/prepare-upload-file";
import { caseUploadLimits, type CaseSubmission } from "@/lib/cases/schema";
import type { Db } from "@/lib/db/client";
import { Prisma } from "@/lib/db/generated/client";
import { isDeidError } from "@/lib/deid/deid-error";
import { deidentifyCaseInputs, type CaseDeidSummary, type DeidentifiedFile } from "@/lib/deid/deidentify-case-inputs";
import { sniffFileKind } from "@/lib/deid/sniff-file-kind";
import { AppError } from "@/lib/errors";
import { isInferenceError } from "@/lib/inference/inference-error";
import { modelManifestSchema } from "@/lib/inference/manifest";
import { normaliseLabs } from "@/lib/inference/normalise-labs";
import { checkDecodeBudget, readRasterHeader } from "@/lib/inference/read-image-header";
import { assertPocAcceptsCases } from "@/lib/pocs/assert-poc-accepts-cases";
import { storeBlob } from "@/lib/storage/blob-store";

export type UploadedFile = { bytes: Uint8Array };

export type CasePreview = {
  summary: CaseDeidSummary;
  /** The note as it will be stored, for the clinician to check before confirming. */
  note: string;
  files: { index: number; kind: DeidentifiedFile["kind"]; modality: string; frames: number; width: number; height: number; burnedInRisk: boolean; burnedInReasons: string[] }[];
  burnedInRisk: boolean;
};

const base32 = "ABCDEFGHJKMNPQRSTVWXYZ23456789";

/**
 * The case's pseudonymous code, derived from the PoC's secret and the upload's idempotency key: a
 * retried upload gets the same code (and so byte-identical de-identified files), and nothing about
 * the patient goes into it.
 */
function pseudonymousCaseCode(pocSecret: string, idempotencyKey: string): string {
  const digest = createHmac("sha256", pocSecret).update(`case-code:${idempotencyKey}`).digest();
  return `C-${Array.from(digest.subarray(0, 8), (byte) => base32[byte % base32.length]).join("")}`;
}

async function loadRunningPoc(db: Db, clinician: Actor, pocId: string) {
  const poc = await db.poc.findFirst({ where: { id: pocId, ...pocScope(clinician) }, include: { modelVersion: true } });
  if (!poc) throw new AppError("NOT_FOUND");
  assertPocAcceptsCases(poc);
  return poc;
}

function checkLabs(labs: CaseSubmission["labs"], manifestJson: unknown) {
  const manifest = modelManifestSchema.parse(manifestJson);
  try {
    normaliseLabs(labs, manifest.preprocessing.labs);
  } catch (error) {
    if (isInferenceError(error) && (error.code === "LAB_MISSING" || error.code === "LAB_OUT_OF_RANGE")) {
      throw new AppError(error.code, { labs: ((error.details as { keys?: string[] }).keys ?? []).join(", ") });
    }
    throw error;
  }
  const unknown = Object.keys(labs).filter((key) => !manifest.preprocessing.labs.items.some((item) => item.key === key));
  if (unknown.length > 0) throw new AppError("LAB_UNKNOWN", { labs: unknown.join(", ") });
}

/** De-identifies in memory and checks every file decodes; nothing is written. */
async function deidentifyUpload(poc: { deidSecret: string }, submission: CaseSubmission, files: UploadedFile[], code: string) {
  if (files.length === 0) throw new AppError("CASE_NO_IMAGE");
  if (files.length > caseUploadLimits.maxFiles) throw new AppError("TOO_MANY_FILES", { max: caseUploadLimits.maxFiles });
  const kinds = files.map((file, index) => {
    if (file.bytes.byteLength > caseUploadLimits.maxFileBytes) throw new AppError("FILE_TOO_LARGE", { file: index + 1, maxMb: caseUploadLimits.maxFileBytes / 1024 / 1024 });
    let kind;
    try {
      kind = sniffFileKind(file.bytes);
    } catch {
      throw new AppError("FILE_TYPE_NOT_SUPPORTED", { file: index + 1 });
    }
    // A PNG or JPEG's declared size is refused from its header before anything touches its pixels
    // (a DICOM's, once de-identification has parsed it, in describeImage).
    if (kind !== "dicom") {
      try {
        checkDecodeBudget(readRasterHeader(file.bytes));
      } catch (error) {
        throw imageError(error, index);
      }
    }
    return kind;
  });
  let deidentified;
  try {
    deidentified = await deidentifyCaseInputs(
      {
        pocSecret: poc.deidSecret,
        pseudonym: code,
        caseKey: submission.idempotencyKey,
        files: files.map((file, index) => ({ bytes: file.bytes, kind: kinds[index]! })),
        note: submission.note,
      },
      // Each file is de-identified and decoded in the worker pool, off the event loop; the note here.
      { processFile: (file, index, keys) => runImageTask("prepareUploadFile", { file, index, keys }) },
    );
  } catch (error) {
    if (isDeidError(error, "INVALID_OPTIONS")) throw new AppError("INVALID_INPUT");
    throw error;
  }
  return deidentified;
}

export async function previewCase(db: Db, clinician: Actor, submission: CaseSubmission, files: UploadedFile[]): Promise<CasePreview> {
  const poc = await loadRunningPoc(db, clinician, submission.pocId);
  checkLabs(submission.labs, poc.modelVersion.manifest);
  const deidentified = await deidentifyUpload(poc, submission, files, pseudonymousCaseCode(poc.deidSecret, submission.idempotencyKey));
  return {
    summary: deidentified.summary,
    note: deidentified.note,
    files: deidentified.files.map(({ attributes, ...file }) => ({ index: file.index, kind: file.kind, modality: attributes.modality, frames: attributes.frames, width: attributes.width, height: attributes.height, burnedInRisk: file.burnedInRisk, burnedInReasons: file.burnedInReasons })),
    burnedInRisk: deidentified.files.some((file) => file.burnedInRisk),
  };
}

export type SubmittedCase = { caseId: string; code: string; duplicate: boolean };

/**
 * Creates the case once per idempotency key. Files are de-identified in memory, written under their
 * sha256 (atomically), then the case and its images are inserted in one transaction with the audit
 * event. A retry after a crash rewrites the same files and finds or creates the one case.
 */
export async function submitCase(db: Db, clinician: Actor, submission: CaseSubmission, files: UploadedFile[]): Promise<SubmittedCase> {
  const poc = await loadRunningPoc(db, clinician, submission.pocId);
  const existing = await db.case.findUnique({ where: { pocId_idempotencyKey: { pocId: poc.id, idempotencyKey: submission.idempotencyKey } } });
  if (existing) return { caseId: existing.id, code: existing.code, duplicate: true };

  checkLabs(submission.labs, poc.modelVersion.manifest);
  const code = pseudonymousCaseCode(poc.deidSecret, submission.idempotencyKey);
  const deidentified = await deidentifyUpload(poc, submission, files, code);
  const described = deidentified.files.map(({ attributes, ...file }) => ({ file, attributes }));
  if (deidentified.files.some((file) => file.burnedInRisk) && !submission.confirmBurnedIn) throw new AppError("BURNED_IN_CONFIRMATION_REQUIRED");

  const stored = await Promise.all(described.map(({ file }) => storeBlob("images", file.bytes, file.kind === "dicom" ? ".dcm" : `.${file.kind === "jpeg" ? "jpg" : "png"}`)));
  const primary = described[0]!.attributes;
  try {
    return await db.$transaction(async (tx) => {
      const created = await tx.case.create({
        data: {
          pocId: poc.id,
          code,
          modality: primary.modality,
          labValues: submission.labs,
          noteText: deidentified.note,
          noteLanguage: submission.noteLanguage,
          deidSummary: deidentified.summary as unknown as Prisma.InputJsonValue,
          idempotencyKey: submission.idempotencyKey,
          ageBand: submission.ageBand ?? primary.ageBand,
          sex: submission.sex ?? primary.sex,
          scannerVendor: primary.scannerVendor,
          createdById: clinician.id,
          images: {
            create: described.map(({ file, attributes }, index) => ({
              storagePath: stored[index]!.storagePath,
              sha256: stored[index]!.sha256,
              mimeType: file.kind === "dicom" ? "application/dicom" : `image/${file.kind}`,
              modality: attributes.modality,
              frames: attributes.frames,
              width: attributes.width,
              height: attributes.height,
              burnedInRisk: file.burnedInRisk,
            })),
          },
        },
      });
      await recordAuditEvent(tx, { ...actorFields(clinician), action: "case.submit", entityType: "Case", entityId: created.id, details: { pocId: poc.id, files: described.length, deid: deidentified.summary } });
      return { caseId: created.id, code, duplicate: false };
    });
  } catch (error) {
    // A concurrent retry with the same key won the race: answer with its case.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      const winner = await db.case.findUniqueOrThrow({ where: { pocId_idempotencyKey: { pocId: poc.id, idempotencyKey: submission.idempotencyKey } } });
      return { caseId: winner.id, code: winner.code, duplicate: true };
    }
    throw error;
  }
}
