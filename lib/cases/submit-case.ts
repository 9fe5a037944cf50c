import "server-only";
import { createHmac } from "node:crypto";
import { actorFields, recordAuditEvent, type AuditActor } from "@/lib/audit/record-audit-event";
import { readDicomCaseAttributes, type CaseAttributes } from "@/lib/cases/read-case-attributes";
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
import { decodeImageBytes } from "@/lib/inference/preprocess-image";
import { assertPocAcceptsCases } from "@/lib/pocs/assert-poc-accepts-cases";
import { storeBlob } from "@/lib/storage/blob-store";

export type Clinician = AuditActor & { siteIds: string[] };
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

async function loadRunningPoc(db: Db, clinician: Clinician, pocId: string) {
  const poc = await db.poc.findFirst({ where: { id: pocId, siteId: { in: clinician.siteIds } }, include: { modelVersion: true } });
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
    try {
      return sniffFileKind(file.bytes);
    } catch {
      throw new AppError("FILE_TYPE_NOT_SUPPORTED", { file: index + 1 });
    }
  });
  let deidentified;
  try {
    deidentified = await deidentifyCaseInputs({
      pocSecret: poc.deidSecret,
      pseudonym: code,
      caseKey: submission.idempotencyKey,
      files: files.map((file, index) => ({ bytes: file.bytes, kind: kinds[index]! })),
      note: submission.note,
    });
  } catch (error) {
    if (isDeidError(error, "INVALID_OPTIONS")) throw new AppError("INVALID_INPUT");
    if (isDeidError(error)) {
      const file = ((error.details as { fileIndex?: number }).fileIndex ?? 0) + 1;
      throw new AppError(error.code === "UNSUPPORTED_TRANSFER_SYNTAX" ? "IMAGE_FORMAT_UNSUPPORTED" : "FILE_UNREADABLE", { file });
    }
    throw error;
  }
  const described = deidentified.files.map((file) => ({ file, attributes: describeImage(file) }));
  return { deidentified, described };
}

function describeImage(file: DeidentifiedFile): CaseAttributes {
  let decoded;
  try {
    decoded = decodeImageBytes(file.bytes);
  } catch (error) {
    const code = isInferenceError(error, "UNSUPPORTED_TRANSFER_SYNTAX") || isInferenceError(error, "UNSUPPORTED_PIXEL_FORMAT") ? "IMAGE_FORMAT_UNSUPPORTED" : isInferenceError(error, "IMAGE_TOO_LARGE") ? "IMAGE_TOO_LARGE" : "FILE_UNREADABLE";
    throw new AppError(code, { file: file.index + 1 });
  }
  const fromDicom = file.kind === "dicom" ? readDicomCaseAttributes(file.bytes) : { modality: "OT", sex: null, ageBand: null, scannerVendor: null };
  return { ...fromDicom, frames: decoded.frameCount, width: decoded.width, height: decoded.height };
}

export async function previewCase(db: Db, clinician: Clinician, submission: CaseSubmission, files: UploadedFile[]): Promise<CasePreview> {
  const poc = await loadRunningPoc(db, clinician, submission.pocId);
  checkLabs(submission.labs, poc.modelVersion.manifest);
  const { deidentified, described } = await deidentifyUpload(poc, submission, files, pseudonymousCaseCode(poc.deidSecret, submission.idempotencyKey));
  return {
    summary: deidentified.summary,
    note: deidentified.note,
    files: described.map(({ file, attributes }) => ({ index: file.index, kind: file.kind, modality: attributes.modality, frames: attributes.frames, width: attributes.width, height: attributes.height, burnedInRisk: file.burnedInRisk, burnedInReasons: file.burnedInReasons })),
    burnedInRisk: deidentified.files.some((file) => file.burnedInRisk),
  };
}

export type SubmittedCase = { caseId: string; code: string; duplicate: boolean };

/**
 * Creates the case once per idempotency key. Files are de-identified in memory, written under their
 * sha256 (atomically), then the case and its images are inserted in one transaction with the audit
 * event. A retry after a crash rewrites the same files and finds or creates the one case.
 */
export async function submitCase(db: Db, clinician: Clinician, submission: CaseSubmission, files: UploadedFile[]): Promise<SubmittedCase> {
  const poc = await loadRunningPoc(db, clinician, submission.pocId);
  const existing = await db.case.findUnique({ where: { pocId_idempotencyKey: { pocId: poc.id, idempotencyKey: submission.idempotencyKey } } });
  if (existing) return { caseId: existing.id, code: existing.code, duplicate: true };

  checkLabs(submission.labs, poc.modelVersion.manifest);
  const code = pseudonymousCaseCode(poc.deidSecret, submission.idempotencyKey);
  const { deidentified, described } = await deidentifyUpload(poc, submission, files, code);
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
