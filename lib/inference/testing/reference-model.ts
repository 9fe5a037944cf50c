import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";

// Paths and golden cases of the reference model, shared by the tests and the benchmark.

const root = fileURLToPath(new URL("../../..", import.meta.url));

export const referenceModelPath = path.join(root, "models/reference/model.onnx");
export const referenceManifestPath = path.join(root, "models/reference/model.json");
export const fixturePath = (...parts: string[]) => path.join(root, "tests/fixtures", ...parts);

const goldenCaseSchema = z.object({
  description: z.string(),
  label: z.number(),
  note: z.string(),
  expectedTokenIds: z.array(z.number().int()),
  inputs: z.object({
    image: z.array(z.number()),
    labs: z.array(z.number()),
    note_tokens: z.array(z.number().int()),
    modality_mask: z.array(z.number()),
  }),
  rawLabs: z.record(z.string(), z.number()),
  expected: z.object({ probability: z.array(z.number()), heatmap: z.array(z.number()) }),
});

const goldenFileSchema = z.object({ model: z.string(), tolerance: z.number(), cases: z.array(goldenCaseSchema).min(1) });

export type GoldenCase = z.infer<typeof goldenCaseSchema>;

export function readGoldenCases(): z.infer<typeof goldenFileSchema> {
  return goldenFileSchema.parse(JSON.parse(readFileSync(path.join(root, "models/reference/golden.json"), "utf8")));
}

export function readReferenceManifestJson(): Record<string, unknown> {
  return JSON.parse(readFileSync(referenceManifestPath, "utf8"));
}
