import { readFile } from "node:fs/promises";
import path from "node:path";
import type { Db } from "@/lib/db/client";
import { registerModelVersion } from "@/lib/models/register-model-version";
import { sha256Hex } from "@/lib/storage/blob-store";

export function referenceModelDir(): string {
  return path.resolve(/*turbopackIgnore: true*/ process.cwd(), "models/reference");
}

/** Registers the shipped reference model through the same checks as an upload (idempotent by sha256). */
export async function registerReferenceModel(db: Db) {
  const onnx = await readFile(path.join(referenceModelDir(), "model.onnx"));
  const existing = await db.modelVersion.findUnique({ where: { sha256: sha256Hex(onnx) } });
  if (existing) return existing;
  const manifestJson = await readFile(path.join(referenceModelDir(), "model.json"), "utf8");
  return registerModelVersion(db, null, { onnx, manifestJson, isReference: true });
}
