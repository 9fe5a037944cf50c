import { readFile } from "node:fs/promises";
import path from "node:path";
import type { Db } from "@/lib/db/client";
import { sha256Hex, storeBlob } from "@/lib/storage/blob-store";

export function referenceModelDir(): string {
  return path.resolve(/*turbopackIgnore: true*/ process.cwd(), "models/reference");
}

/** Registers the shipped reference model once (idempotent by the file's sha256). */
export async function registerReferenceModel(db: Db) {
  const onnx = await readFile(path.join(referenceModelDir(), "model.onnx"));
  const manifest = JSON.parse(await readFile(path.join(referenceModelDir(), "model.json"), "utf8"));
  const existing = await db.modelVersion.findUnique({ where: { sha256: sha256Hex(onnx) } });
  if (existing) return existing;
  const stored = await storeBlob("models", onnx, ".onnx");
  return db.modelVersion.create({
    data: {
      name: String(manifest.name),
      version: String(manifest.version),
      sha256: stored.sha256,
      storagePath: stored.storagePath,
      fileBytes: stored.sizeBytes,
      manifest,
      isReference: true,
    },
  });
}
