import { readFile } from "node:fs/promises";
import path from "node:path";
import type { Db } from "@/lib/db/client";
import { registerModelVersion } from "@/lib/models/register-model-version";
import { sha256Hex } from "@/lib/storage/blob-store";

export function referenceModelDir(version: "v1" | "v2" = "v1"): string {
  return path.resolve(/*turbopackIgnore: true*/ process.cwd(), version === "v1" ? "models/reference" : "models/v2");
}

/** Registers the shipped reference model 1.0.0 through the same checks as an upload (idempotent by sha256). */
export async function registerReferenceModel(db: Db) {
  const onnx = await readFile(path.join(referenceModelDir(), "model.onnx"));
  const existing = await db.modelVersion.findUnique({ where: { sha256: sha256Hex(onnx) } });
  if (existing) return existing;
  const manifestJson = await readFile(path.join(referenceModelDir(), "model.json"), "utf8");
  return registerModelVersion(db, null, { onnx, manifestJson, isReference: true });
}

async function registerV2(db: Db, headFile: string, manifestFile: string) {
  const dir = referenceModelDir("v2");
  const onnx = await readFile(path.join(dir, headFile));
  const existing = await db.modelVersion.findUnique({ where: { sha256: sha256Hex(onnx) } });
  if (existing) return existing;
  const [encodersOnnx, manifestJson] = await Promise.all([readFile(path.join(dir, "encoders.onnx")), readFile(path.join(dir, manifestFile), "utf8")]);
  return registerModelVersion(db, null, { onnx, encodersOnnx, manifestJson, isReference: true });
}

/**
 * Registers reference model 2.0.0 (encoders + pneumonia head) and then the second finding's head on
 * the same encoders, which the registry records as sharing them. 1.0.0 stays registered beside them.
 */
export async function registerReferenceModelsV2(db: Db) {
  const pneumonia = await registerV2(db, "head.onnx", "model.json");
  const extent = await registerV2(db, "extent-head.onnx", "extent.json");
  return { pneumonia, extent };
}
