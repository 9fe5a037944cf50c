import { z } from "zod";

// The manifest every registered model ships with (the reference one is models/reference/model.json).
// One schema: field checks plus the cross-references between preprocessing and the tensor contract.

const localisedTextSchema = z.object({ en: z.string().min(1), ja: z.string().min(1) });

const batchDimension = "N";
const dimensionSchema = z.union([z.literal(batchDimension), z.number().int().positive()]);
const tensorDtypeSchema = z.enum(["float32", "float16", "int64", "int32", "uint8", "bool"]);

const tensorSpecSchema = z.object({
  name: z.string().min(1),
  dtype: tensorDtypeSchema,
  shape: z.array(dimensionSchema).min(1),
});

const windowingSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("fixed"), center: z.number(), width: z.number().positive() }),
  z.object({ kind: z.literal("minmax") }),
  // The file's own WindowCenter/WindowWidth; min-max when the file has none.
  z.object({ kind: z.literal("fileVoi") }),
]);

const labItemSchema = z
  .object({
    key: z.string().regex(/^[a-zA-Z][a-zA-Z0-9]*$/),
    label: localisedTextSchema,
    unit: z.string().min(1),
    plausibleMin: z.number(),
    plausibleMax: z.number(),
    transform: z.enum(["identity", "log1p"]).default("identity"),
    mean: z.number(),
    sd: z.number().positive(),
  })
  .refine((item) => item.plausibleMin < item.plausibleMax, { message: "plausibleMin must be below plausibleMax" });

const vocabTermSchema = z
  .string()
  .min(1)
  .refine((term) => term === term.normalize("NFKC").toLowerCase(), { message: "vocab terms must be NFKC and lowercase" })
  .refine((term) => !/\s/u.test(term), { message: "vocab terms must not contain whitespace" })
  .refine((term) => !/[\uD800-\uDFFF]/.test(term), { message: "vocab terms must be inside the Basic Multilingual Plane" });

const tokenizerSchema = z.object({
  kind: z.literal("greedy-longest-match-v1"),
  normalisation: z.tuple([z.literal("NFKC"), z.literal("lowercase")]),
  maxTokens: z.number().int().positive(),
  padId: z.literal(0),
  unkId: z.literal(1),
  firstVocabId: z.literal(2),
  algorithm: z.string().optional(),
  vocab: z
    .array(vocabTermSchema)
    .min(1)
    .refine((vocab) => new Set(vocab).size === vocab.length, { message: "vocab terms must be unique" }),
});

const modalitySchema = z.enum(["image", "labs", "note"]);

const aurocEntrySchema = z.object({
  inputs: z.array(modalitySchema).min(1),
  method: z.enum(["joint", "sumOfSingleModalityLogits"]).default("joint"),
  value: z.number().min(0).max(1),
  n: z.number().int().positive(),
  nPositive: z.number().int().nonnegative().optional(),
  ci95: z.tuple([z.number(), z.number()]).optional(),
});

export const modelManifestSchema = z
  .object({
    schemaVersion: z.literal(1),
    name: z.string().min(1),
    version: z.string().min(1),
    task: z.literal("binary-classification-with-localisation"),
    labels: z.object({ classes: z.tuple([z.string().min(1), z.string().min(1)]), positive: z.string().min(1) }),
    intendedUse: localisedTextSchema,
    trainingData: localisedTextSchema,
    notForClinicalUse: z.boolean(),
    inputs: z.array(tensorSpecSchema).min(1),
    preprocessing: z.object({
      image: z.object({
        input: z.string(),
        size: z.number().int().positive().max(2048),
        channels: z.literal(1),
        resize: z.enum(["area", "bilinear"]).default("area"),
        normalisation: z.object({ mean: z.number(), std: z.number().positive() }),
        // Keys are DICOM Modality codes (CT, MR, CR, DX, ...); `default` covers the rest and PNG.
        windowing: z.object({ default: windowingSchema }).catchall(windowingSchema),
      }),
      labs: z.object({ input: z.string(), items: z.array(labItemSchema).min(1) }),
      note: z.object({ input: z.string(), tokenizer: tokenizerSchema }),
    }),
    outputs: z
      .array(tensorSpecSchema.extend({ role: z.enum(["probability", "heatmap"]), meaning: z.string().min(1) }))
      .min(1),
    modalities: z.object({ order: z.array(modalitySchema).length(3), maskInput: z.string() }),
    metrics: z.object({
      heldOutCases: z.number().int().positive(),
      auroc: z.array(aurocEntrySchema),
      dice: z
        .object({ value: z.number().min(0).max(1), n: z.number().int().positive(), threshold: z.number(), description: z.string().optional() })
        .optional(),
      heatmapFalsePositiveRate: z.number().min(0).max(1).optional(),
    }),
    parameterCount: z.number().int().positive().optional(),
    flopsPerCase: z.number().positive().optional(),
    createdAt: z.iso.datetime(),
  })
  .superRefine((manifest, ctx) => {
    const inputs = new Map(manifest.inputs.map((input) => [input.name, input]));
    const issue = (path: (string | number)[], message: string) => ctx.addIssue({ code: "custom", path, message });
    const expectInput = (path: (string | number)[], name: string, dtype: string, shape: (string | number)[]) => {
      const input = inputs.get(name);
      if (!input) return issue(path, `no input named "${name}"`);
      if (input.dtype !== dtype) issue(path, `input "${name}" must be ${dtype}`);
      if (JSON.stringify(input.shape) !== JSON.stringify(shape)) issue(path, `input "${name}" must have shape ${JSON.stringify(shape)}`);
    };
    const { image, labs, note } = manifest.preprocessing;
    expectInput(["preprocessing", "image", "input"], image.input, "float32", [batchDimension, 1, image.size, image.size]);
    expectInput(["preprocessing", "labs", "input"], labs.input, "float32", [batchDimension, labs.items.length]);
    expectInput(["preprocessing", "note", "input"], note.input, "int64", [batchDimension, note.tokenizer.maxTokens]);
    expectInput(["modalities", "maskInput"], manifest.modalities.maskInput, "float32", [batchDimension, manifest.modalities.order.length]);
    if (new Set(manifest.modalities.order).size !== manifest.modalities.order.length) issue(["modalities", "order"], "modalities must be distinct");
    if (new Set(labs.items.map((item) => item.key)).size !== labs.items.length) issue(["preprocessing", "labs", "items"], "lab keys must be unique");
    if (new Set(manifest.inputs.map((input) => input.name)).size !== manifest.inputs.length) issue(["inputs"], "input names must be unique");
    if (!manifest.labels.classes.includes(manifest.labels.positive)) issue(["labels", "positive"], "positive label must be one of classes");
    const roles = manifest.outputs.map((output) => output.role);
    if (roles.filter((role) => role === "probability").length !== 1) issue(["outputs"], "exactly one output must have role probability");
    if (roles.filter((role) => role === "heatmap").length > 1) issue(["outputs"], "at most one output may have role heatmap");
    manifest.outputs.forEach((output, index) => {
      if (output.dtype !== "float32") issue(["outputs", index, "dtype"], "outputs must be float32");
      if (output.shape[0] !== batchDimension) issue(["outputs", index, "shape"], "the first axis must be the batch axis N");
      if (output.role === "probability" && JSON.stringify(output.shape) !== JSON.stringify([batchDimension, 1])) issue(["outputs", index, "shape"], "probability must be [N,1]");
      if (output.role === "heatmap" && output.shape.length !== 4) issue(["outputs", index, "shape"], "heatmap must be [N,1,H,W]");
    });
  });

export type ModelManifest = z.infer<typeof modelManifestSchema>;
type TensorSpec = z.infer<typeof tensorSpecSchema>;
export type WindowingPreset = z.infer<typeof windowingSchema>;
export type ImagePreprocessing = ModelManifest["preprocessing"]["image"];
export type LabPreprocessing = ModelManifest["preprocessing"]["labs"];
export type NoteTokenizerSpec = ModelManifest["preprocessing"]["note"]["tokenizer"];
export type Modality = z.infer<typeof modalitySchema>;
export type ManifestOutput = ModelManifest["outputs"][number];

export function outputWithRole(manifest: ModelManifest, role: ManifestOutput["role"]): ManifestOutput | undefined {
  return manifest.outputs.find((output) => output.role === role);
}

// ------------------------------------------------------------------------------------------------
// Session check: does the loaded ONNX graph implement the manifest's tensor contract?

/** @public The catalogue its type is derived from. */
export const sessionMismatchCodes = [
  "INPUT_MISSING",
  "INPUT_UNEXPECTED",
  "INPUT_DTYPE",
  "INPUT_RANK",
  "INPUT_DIMENSION",
  "INPUT_BATCH_AXIS_FIXED",
  "OUTPUT_MISSING",
  "OUTPUT_DTYPE",
  "OUTPUT_RANK",
  "OUTPUT_DIMENSION",
  "OUTPUT_BATCH_AXIS_FIXED",
] as const;

type SessionMismatchCode = (typeof sessionMismatchCodes)[number];
export type SessionMismatch = { code: SessionMismatchCode; tensor: string; expected?: string; actual?: string };

/** What the check reads from an onnxruntime InferenceSession (structural, so tests can pass a stub). */
export type SessionSignature = {
  readonly inputNames: readonly string[];
  readonly outputNames: readonly string[];
  readonly inputMetadata?: readonly ValueMetadataLike[];
  readonly outputMetadata?: readonly ValueMetadataLike[];
};
type ValueMetadataLike =
  | { readonly name: string; readonly isTensor: false }
  | { readonly name: string; readonly isTensor: true; readonly type: string; readonly shape: ReadonlyArray<number | string> };

export function checkSessionAgainstManifest(session: SessionSignature, manifest: ModelManifest): SessionMismatch[] {
  const mismatches: SessionMismatch[] = [];
  const compare = (direction: "INPUT" | "OUTPUT", spec: TensorSpec, metadata: readonly ValueMetadataLike[] | undefined) => {
    const meta = metadata?.find((entry) => entry.name === spec.name);
    // onnxruntime-node >= 1.21 exposes metadata; without it only the names can be checked.
    if (!meta) return;
    if (!meta.isTensor) {
      mismatches.push({ code: `${direction}_DTYPE`, tensor: spec.name, expected: spec.dtype, actual: "non-tensor" });
      return;
    }
    if (meta.type !== spec.dtype) mismatches.push({ code: `${direction}_DTYPE`, tensor: spec.name, expected: spec.dtype, actual: meta.type });
    // An empty shape means the graph does not declare one: nothing to compare.
    if (meta.shape.length === 0) return;
    if (meta.shape.length !== spec.shape.length) {
      mismatches.push({ code: `${direction}_RANK`, tensor: spec.name, expected: String(spec.shape.length), actual: String(meta.shape.length) });
      return;
    }
    spec.shape.forEach((expected, axis) => {
      const actual = meta.shape[axis];
      if (expected === batchDimension) {
        // The batcher needs a symbolic (dynamic) batch axis.
        if (typeof actual === "number" && actual > 0) {
          mismatches.push({ code: `${direction}_BATCH_AXIS_FIXED`, tensor: spec.name, expected: `axis ${axis} dynamic`, actual: String(actual) });
        }
      } else if (typeof actual === "number" && actual > 0 && actual !== expected) {
        // A symbolic axis where the manifest fixes a size is accepted: the graph takes any size.
        mismatches.push({ code: `${direction}_DIMENSION`, tensor: spec.name, expected: `axis ${axis} = ${expected}`, actual: String(actual) });
      }
    });
  };

  const modelInputs = new Set(session.inputNames);
  for (const spec of manifest.inputs) {
    if (!modelInputs.has(spec.name)) mismatches.push({ code: "INPUT_MISSING", tensor: spec.name });
    else compare("INPUT", spec, session.inputMetadata);
  }
  const declared = new Set(manifest.inputs.map((input) => input.name));
  for (const name of session.inputNames) {
    // The app only feeds declared inputs; a graph input it does not know would make run() fail.
    if (!declared.has(name)) mismatches.push({ code: "INPUT_UNEXPECTED", tensor: name });
  }
  const modelOutputs = new Set(session.outputNames);
  for (const spec of manifest.outputs) {
    if (!modelOutputs.has(spec.name)) mismatches.push({ code: "OUTPUT_MISSING", tensor: spec.name });
    else compare("OUTPUT", spec, session.outputMetadata);
  }
  return mismatches;
}
