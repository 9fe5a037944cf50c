import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";

// Paths and golden cases of reference model v2 (models/v2), shared by the tests and the benchmark.

const root = fileURLToPath(new URL("../../..", import.meta.url));
const v2Dir = path.join(root, "models/v2");

export const referenceV2 = {
  dir: v2Dir,
  encodersPath: path.join(v2Dir, "encoders.onnx"),
  headPath: path.join(v2Dir, "head.onnx"),
  manifestPath: path.join(v2Dir, "model.json"),
  extentHeadPath: path.join(v2Dir, "extent-head.onnx"),
  extentManifestPath: path.join(v2Dir, "extent.json"),
};

const logitsSchema = z.object({ full: z.number(), withoutImage: z.number(), withoutLabs: z.number(), withoutNote: z.number() });

const goldenCaseSchema = z.object({
  description: z.string(),
  label: z.number(),
  note: z.string(),
  present: z.tuple([z.number(), z.number(), z.number()]),
  inputs: z.object({ image: z.array(z.number()), labs: z.array(z.number()), note_tokens: z.array(z.number().int()) }),
  rawLabs: z.record(z.string(), z.number()),
  expected: z.object({
    imageEmbedding: z.array(z.number()),
    labsEmbedding: z.array(z.number()),
    noteEmbedding: z.array(z.number()),
    heatmap: z.array(z.number()),
    logits: z.object({ head: logitsSchema, "extent-head": logitsSchema }),
  }),
});

const goldenFileSchema = z.object({
  encoders: z.string(),
  heads: z.record(z.string(), z.string()),
  temperatures: z.object({ head: z.number(), "extent-head": z.number() }),
  tolerance: z.number(),
  cases: z.array(goldenCaseSchema).min(1),
});

export type GoldenCaseV2 = z.infer<typeof goldenCaseSchema>;

export function readGoldenCasesV2(): z.infer<typeof goldenFileSchema> {
  return goldenFileSchema.parse(JSON.parse(readFileSync(path.join(v2Dir, "golden.json"), "utf8")));
}
