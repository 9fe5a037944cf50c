import "server-only";
import { InferenceSession } from "onnxruntime-node";
import { actorFields, recordAuditEvent, type AuditActor } from "@/lib/audit/record-audit-event";
import type { Db } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import { AppError } from "@/lib/errors";
import { checkSessionAgainstManifest, modelManifestSchema } from "@/lib/inference/manifest";
import { parseJsonWithoutPrototypeKeys } from "@/lib/security/prototype-keys";
import { sha256Hex, storeBlob } from "@/lib/storage/blob-store";

export const maxModelBytes = 200 * 1024 * 1024;

// ONNX files are protobuf messages whose first field is ir_version (field 1, varint): tag byte 0x08.
function looksLikeOnnx(bytes: Uint8Array): boolean {
  return bytes.length > 16 && bytes[0] === 0x08;
}

/**
 * Validates a model file against its manifest and registers it. Everything is checked before
 * anything is written: the manifest's schema, that onnxruntime loads the file, and that the graph's
 * input and output names, dtypes and shapes match the manifest.
 */
export async function registerModelVersion(db: Db, actor: AuditActor | null, upload: { onnx: Uint8Array; manifestJson: string; isReference?: boolean }) {
  if (upload.onnx.byteLength > maxModelBytes) throw new AppError("MODEL_TOO_LARGE", { maxMb: maxModelBytes / 1024 / 1024 });
  let manifestInput: unknown;
  try {
    manifestInput = parseJsonWithoutPrototypeKeys(upload.manifestJson);
  } catch {
    throw new AppError("MODEL_MANIFEST_INVALID", { issues: "JSON" });
  }
  const parsed = modelManifestSchema.safeParse(manifestInput);
  if (!parsed.success) throw new AppError("MODEL_MANIFEST_INVALID", { issues: parsed.error.issues.slice(0, 5).map((issue) => issue.path.join(".") || "(root)").join(", ") });
  const manifest = parsed.data;

  if (!looksLikeOnnx(upload.onnx)) throw new AppError("MODEL_NOT_ONNX");
  let session: InferenceSession;
  try {
    session = await InferenceSession.create(upload.onnx, { executionProviders: ["cpu"], logSeverityLevel: 3 });
  } catch {
    throw new AppError("MODEL_NOT_ONNX");
  }
  try {
    const mismatches = checkSessionAgainstManifest(session, manifest);
    if (mismatches.length > 0) throw new AppError("MODEL_MISMATCH", { details: mismatches.slice(0, 5).map((m) => `${m.code} ${m.tensor}${m.expected ? ` (${m.expected} ≠ ${m.actual ?? "?"})` : ""}`).join("; ") });
  } finally {
    await session.release();
  }

  const sha256 = sha256Hex(upload.onnx);
  if (await db.modelVersion.findUnique({ where: { sha256 } })) throw new AppError("MODEL_ALREADY_REGISTERED");
  if (await db.modelVersion.findUnique({ where: { name_version: { name: manifest.name, version: manifest.version } } })) throw new AppError("MODEL_VERSION_EXISTS");

  // Content-addressed: a file left by a failed insert is reused by the next upload of the same model.
  const stored = await storeBlob("models", upload.onnx, ".onnx");
  return db.$transaction(async (tx) => {
    const model = await tx.modelVersion.create({
      data: {
        name: manifest.name,
        version: manifest.version,
        sha256,
        storagePath: stored.storagePath,
        fileBytes: stored.sizeBytes,
        manifest: manifestInput as Prisma.InputJsonValue,
        isReference: upload.isReference ?? false,
        registeredById: actor?.id ?? null,
      },
    });
    await recordAuditEvent(tx, { ...(actor ? actorFields(actor) : { actorRole: "SYSTEM" }), action: "model.register", entityType: "ModelVersion", entityId: model.id, details: { name: manifest.name, version: manifest.version, sha256 } });
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
