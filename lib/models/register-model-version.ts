import "server-only";
import { InferenceSession } from "onnxruntime-node";
import { actorFields, recordAuditEvent, type AuditActor } from "@/lib/audit/record-audit-event";
import type { Db } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import { AppError } from "@/lib/errors";
import { checkSessionAgainstManifest, modelManifestSchema, type SessionMismatch, type TensorContract } from "@/lib/inference/manifest";
import { parseJsonWithoutPrototypeKeys } from "@/lib/security/prototype-keys";
import { sha256Hex, storeBlob } from "@/lib/storage/blob-store";

export const maxModelBytes = 200 * 1024 * 1024;

// ONNX files are protobuf messages whose first field is ir_version (field 1, varint): tag byte 0x08.
function looksLikeOnnx(bytes: Uint8Array): boolean {
  return bytes.length > 16 && bytes[0] === 0x08;
}

async function checkGraph(onnx: Uint8Array, contract: TensorContract): Promise<SessionMismatch[]> {
  if (!looksLikeOnnx(onnx)) throw new AppError("MODEL_NOT_ONNX");
  let session: InferenceSession;
  try {
    session = await InferenceSession.create(onnx, { executionProviders: ["cpu"], logSeverityLevel: 3 });
  } catch {
    throw new AppError("MODEL_NOT_ONNX");
  }
  try {
    return checkSessionAgainstManifest(session, contract);
  } finally {
    await session.release();
  }
}

type ModelUpload = {
  /** The model file (schemaVersion 1) or the head file (schemaVersion 2). */
  onnx: Uint8Array;
  /** The encoders file; schemaVersion 2 only. */
  encodersOnnx?: Uint8Array | null;
  manifestJson: string;
  isReference?: boolean;
};

/**
 * Validates a model's files against its manifest and registers it. Everything is checked before
 * anything is written: the manifest's schema, that onnxruntime loads each file, that each graph's
 * input and output names, dtypes and shapes match the manifest, and (v2) the files' declared hashes.
 * A v2 head whose encoders file is already registered records which version it shares them with.
 */
export async function registerModelVersion(db: Db, actor: AuditActor | null, upload: ModelUpload) {
  if (upload.onnx.byteLength + (upload.encodersOnnx?.byteLength ?? 0) > maxModelBytes) throw new AppError("MODEL_TOO_LARGE", { maxMb: maxModelBytes / 1024 / 1024 });
  let manifestInput: unknown;
  try {
    manifestInput = parseJsonWithoutPrototypeKeys(upload.manifestJson);
  } catch {
    throw new AppError("MODEL_MANIFEST_INVALID", { issues: "JSON" });
  }
  const parsed = modelManifestSchema.safeParse(manifestInput);
  if (!parsed.success) throw new AppError("MODEL_MANIFEST_INVALID", { issues: parsed.error.issues.slice(0, 5).map((issue) => issue.path.join(".") || "(root)").join(", ") });
  const manifest = parsed.data;

  const mismatches: SessionMismatch[] = [];
  let encodersOnnx: Uint8Array | null = null;
  if (manifest.schemaVersion === 2) {
    if (!upload.encodersOnnx) throw new AppError("MODEL_ENCODERS_REQUIRED");
    encodersOnnx = upload.encodersOnnx;
    mismatches.push(...(await checkGraph(encodersOnnx, manifest)), ...(await checkGraph(upload.onnx, manifest.head)));
    if (sha256Hex(encodersOnnx) !== manifest.files.encoders.sha256) mismatches.push({ code: "FILE_HASH", tensor: manifest.files.encoders.file });
    if (sha256Hex(upload.onnx) !== manifest.files.head.sha256) mismatches.push({ code: "FILE_HASH", tensor: manifest.files.head.file });
  } else {
    if (upload.encodersOnnx) throw new AppError("MODEL_MANIFEST_INVALID", { issues: "schemaVersion" });
    mismatches.push(...(await checkGraph(upload.onnx, manifest)));
  }
  if (mismatches.length > 0) throw new AppError("MODEL_MISMATCH", { details: mismatches.slice(0, 5).map((m) => `${m.code} ${m.tensor}${m.expected ? ` (${m.expected} ≠ ${m.actual ?? "?"})` : ""}`).join("; ") });

  const sha256 = sha256Hex(upload.onnx);
  if (await db.modelVersion.findUnique({ where: { sha256 } })) throw new AppError("MODEL_ALREADY_REGISTERED");
  if (await db.modelVersion.findUnique({ where: { name_version: { name: manifest.name, version: manifest.version } } })) throw new AppError("MODEL_VERSION_EXISTS");

  // Content-addressed: a file left by a failed insert is reused by the next upload of the same model.
  const stored = await storeBlob("models", upload.onnx, ".onnx");
  const storedEncoders = encodersOnnx ? await storeBlob("models", encodersOnnx, ".onnx") : null;
  return db.$transaction(async (tx) => {
    const sharesEncodersWith = storedEncoders
      ? await tx.modelVersion.findFirst({ where: { encodersSha256: storedEncoders.sha256 }, orderBy: { createdAt: "asc" }, select: { id: true } })
      : null;
    const model = await tx.modelVersion.create({
      data: {
        name: manifest.name,
        version: manifest.version,
        sha256,
        storagePath: stored.storagePath,
        fileBytes: stored.sizeBytes,
        manifest: manifestInput as Prisma.InputJsonValue,
        isReference: upload.isReference ?? false,
        encodersStoragePath: storedEncoders?.storagePath ?? null,
        encodersSha256: storedEncoders?.sha256 ?? null,
        sharesEncodersWithId: sharesEncodersWith?.id ?? null,
        registeredById: actor?.id ?? null,
      },
    });
    await recordAuditEvent(tx, { ...(actor ? actorFields(actor) : { actorRole: "SYSTEM" }), action: "model.register", entityType: "ModelVersion", entityId: model.id, details: { name: manifest.name, version: manifest.version, sha256, encodersSha256: storedEncoders?.sha256 ?? null, sharesEncodersWithId: sharesEncodersWith?.id ?? null } });
    return model;
  });
}

/** A version a PoC uses cannot be deleted (its results would lose their model); it can be retired. */
export async function deleteModelVersion(db: Db, actor: AuditActor, modelVersionId: string) {
  return db.$transaction(async (tx) => {
    const model = await tx.modelVersion.findUnique({ where: { id: modelVersionId }, include: { _count: { select: { pocs: true, inferences: true } } } });
    if (!model) throw new AppError("NOT_FOUND");
    if (model._count.pocs > 0 || model._count.inferences > 0) throw new AppError("MODEL_IN_USE");
    await tx.modelVersion.delete({ where: { id: modelVersionId } });
    await recordAuditEvent(tx, { ...actorFields(actor), action: "model.delete", entityType: "ModelVersion", entityId: modelVersionId, details: { sha256: model.sha256 } });
    return { id: modelVersionId };
  });
}
