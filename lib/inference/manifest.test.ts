import { InferenceSession } from "onnxruntime-node";
import { afterAll, describe, expect, it } from "vitest";
import { isInferenceError } from "./inference-error";
import { loadModel, parseModelManifest } from "./load-model";
import { checkSessionAgainstManifest, modelManifestSchema, type SessionSignature } from "./manifest";
import { releaseAllSessions } from "./session-pool";
import { fixturePath, readReferenceManifestJson, referenceModelPath } from "./testing/reference-model";

const cpu = { providers: ["cpu" as const], intraOpThreads: 1, interOpThreads: 1 };

// The tests reach into arbitrary nested manifest fields to break them one at a time.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type EditableManifest = Record<string, any>;

function manifestWith(change: (manifest: EditableManifest) => void): Record<string, unknown> {
  const manifest = structuredClone(readReferenceManifestJson()) as EditableManifest;
  change(manifest);
  return manifest;
}

function issuePaths(json: unknown): string[] {
  const result = modelManifestSchema.safeParse(json);
  expect(result.success).toBe(false);
  return result.success ? [] : result.error.issues.map((issue) => issue.path.join("."));
}

afterAll(releaseAllSessions);

describe("modelManifestSchema", () => {
  it("accepts the reference manifest", () => {
    const manifest = parseModelManifest(readReferenceManifestJson());
    expect(manifest.notForClinicalUse).toBe(true);
    expect(manifest.preprocessing.labs.items).toHaveLength(8);
    expect(manifest.metrics.auroc.find((entry) => entry.inputs.length === 3 && entry.method === "joint")?.n).toBe(manifest.metrics.heldOutCases);
  });

  it("rejects missing required fields", () => {
    const paths = issuePaths(manifestWith((m) => { delete m.intendedUse; delete m.notForClinicalUse; }));
    expect(paths).toEqual(expect.arrayContaining(["intendedUse", "notForClinicalUse"]));
  });

  it("rejects a lab panel that disagrees with the labs input shape", () => {
    const paths = issuePaths(manifestWith((m) => m.preprocessing.labs.items.pop()));
    expect(paths).toContain("preprocessing.labs.input");
  });

  it("rejects an image size that disagrees with the image input", () => {
    expect(issuePaths(manifestWith((m) => (m.preprocessing.image.size = 128)))).toContain("preprocessing.image.input");
  });

  it("rejects vocab terms the tokenizer could never match", () => {
    const paths = issuePaths(manifestWith((m) => m.preprocessing.note.tokenizer.vocab.push("Fever", "chest pain")));
    expect(paths.filter((path) => path.startsWith("preprocessing.note.tokenizer.vocab"))).toHaveLength(2);
  });

  it("rejects an unknown windowing kind", () => {
    expect(issuePaths(manifestWith((m) => (m.preprocessing.image.windowing.CT = { kind: "auto" })))).toEqual(["preprocessing.image.windowing.CT.kind"]);
  });

  it("rejects a positive label outside the classes", () => {
    expect(issuePaths(manifestWith((m) => (m.labels.positive = "yes")))).toEqual(["labels.positive"]);
  });

  it("reports MANIFEST_INVALID with issue paths", () => {
    try {
      parseModelManifest(manifestWith((m) => (m.schemaVersion = 2)));
      expect.unreachable();
    } catch (error) {
      expect(isInferenceError(error, "MANIFEST_INVALID")).toBe(true);
      expect((error as { details: { issues: { path: string }[] } }).details.issues[0].path).toBe("schemaVersion");
    }
  });
});

describe("checkSessionAgainstManifest", () => {
  const manifest = parseModelManifest(readReferenceManifestJson());

  it("finds no mismatch for the reference model", async () => {
    const session = await InferenceSession.create(referenceModelPath);
    expect(checkSessionAgainstManifest(session, manifest)).toEqual([]);
    await session.release();
  });

  it("refuses a model whose image input has another size", async () => {
    const session = await InferenceSession.create(fixturePath("models/wrong-image-size.onnx"));
    expect(checkSessionAgainstManifest(session, manifest)).toEqual([
      { code: "INPUT_DIMENSION", tensor: "image", expected: "axis 2 = 64", actual: "32" },
      { code: "INPUT_DIMENSION", tensor: "image", expected: "axis 3 = 64", actual: "32" },
    ]);
    await session.release();
  });

  it("loadModel refuses the wrong-shape model with MODEL_MISMATCH", async () => {
    const error = await loadModel({ modelPath: fixturePath("models/wrong-image-size.onnx"), manifest: readReferenceManifestJson(), config: cpu }).catch((e) => e);
    expect(isInferenceError(error, "MODEL_MISMATCH")).toBe(true);
    expect(error.details.mismatches.map((m: { code: string }) => m.code)).toEqual(["INPUT_DIMENSION", "INPUT_DIMENSION"]);
  });

  it("reports names, dtypes, ranks and fixed batch axes", () => {
    const tensor = (name: string, type: string, shape: (number | string)[]) => ({ name, isTensor: true as const, type, shape });
    const stub: SessionSignature = {
      inputNames: ["image", "labs", "note_tokens", "extra"],
      outputNames: ["probability"],
      inputMetadata: [
        tensor("image", "float32", [4, 1, 64, 64]),
        tensor("labs", "float32", ["N", 8, 1]),
        tensor("note_tokens", "int32", ["N", 32]),
        tensor("extra", "float32", ["N"]),
      ],
      outputMetadata: [tensor("probability", "float32", ["N", 1])],
    };
    expect(checkSessionAgainstManifest(stub, manifest).map((m) => `${m.code}:${m.tensor}`)).toEqual([
      "INPUT_BATCH_AXIS_FIXED:image",
      "INPUT_RANK:labs",
      "INPUT_DTYPE:note_tokens",
      "INPUT_MISSING:modality_mask",
      "INPUT_UNEXPECTED:extra",
      "OUTPUT_MISSING:heatmap",
    ]);
  });

  it("checks names only when the runtime exposes no metadata", () => {
    const stub: SessionSignature = { inputNames: ["image", "labs", "note_tokens", "modality_mask"], outputNames: ["probability", "heatmap"] };
    expect(checkSessionAgainstManifest(stub, manifest)).toEqual([]);
  });
});
