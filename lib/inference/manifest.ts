import { z } from "zod";
import { aurocEntrySchema, calibrationSchema, intendedInputsSchema, modalitySchema, outOfDistributionSchema, reuseSchema } from "./manifest-evidence";

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
    /** LOINC codes whose FHIR Observations supply this lab (lib/ehr); any of them matches. */
    loinc: z.array(z.string().regex(/^\d{1,7}-\d$/)).min(1).optional(),
    /** The UCUM code of `unit`, the unit FHIR values are converted to. */
    ucum: z.string().min(1).max(40).optional(),
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

const outputRoleSchema = z.enum(["probability", "heatmap", "logit", "embedding"]);
const outputSpecSchema = tensorSpecSchema.extend({ role: outputRoleSchema, modality: modalitySchema.optional(), meaning: z.string().min(1) });

const metricsSchema = z.object({
  heldOutCases: z.number().int().positive(),
  auroc: z.array(aurocEntrySchema),
  dice: z
    .object({ value: z.number().min(0).max(1), n: z.number().int().positive(), threshold: z.number(), description: z.string().optional() })
    .optional(),
  heatmapFalsePositiveRate: z.number().min(0).max(1).optional(),
});

// Fields every schema version shares.
const commonFields = {
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
  outputs: z.array(outputSpecSchema).min(1),
  modalities: z.object({ order: z.array(modalitySchema).length(3), maskInput: z.string() }),
  metrics: metricsSchema,
  parameterCount: z.number().int().positive().optional(),
  flopsPerCase: z.number().positive().optional(),
  createdAt: z.iso.datetime(),
};

type Issue = (path: (string | number)[], message: string) => void;
type CommonManifest = z.infer<z.ZodObject<typeof commonFields>>;

function checkCommon(manifest: CommonManifest, maskInputs: TensorSpec[], issue: Issue) {
  const inputs = new Map(manifest.inputs.map((input) => [input.name, input]));
  const expectInput = (path: (string | number)[], specs: Map<string, TensorSpec>, name: string, dtype: string, shape: (string | number)[]) => {
    const input = specs.get(name);
    if (!input) return issue(path, `no input named "${name}"`);
    if (input.dtype !== dtype) issue(path, `input "${name}" must be ${dtype}`);
    if (JSON.stringify(input.shape) !== JSON.stringify(shape)) issue(path, `input "${name}" must have shape ${JSON.stringify(shape)}`);
  };
  const { image, labs, note } = manifest.preprocessing;
  expectInput(["preprocessing", "image", "input"], inputs, image.input, "float32", [batchDimension, 1, image.size, image.size]);
  expectInput(["preprocessing", "labs", "input"], inputs, labs.input, "float32", [batchDimension, labs.items.length]);
  expectInput(["preprocessing", "note", "input"], inputs, note.input, "int64", [batchDimension, note.tokenizer.maxTokens]);
  expectInput(["modalities", "maskInput"], new Map(maskInputs.map((input) => [input.name, input])), manifest.modalities.maskInput, "float32", [batchDimension, manifest.modalities.order.length]);
  if (new Set(manifest.modalities.order).size !== manifest.modalities.order.length) issue(["modalities", "order"], "modalities must be distinct");
  if (new Set(labs.items.map((item) => item.key)).size !== labs.items.length) issue(["preprocessing", "labs", "items"], "lab keys must be unique");
  if (new Set(manifest.inputs.map((input) => input.name)).size !== manifest.inputs.length) issue(["inputs"], "input names must be unique");
  if (!manifest.labels.classes.includes(manifest.labels.positive)) issue(["labels", "positive"], "positive label must be one of classes");
  manifest.outputs.forEach((output, index) => {
    if (output.dtype !== "float32") issue(["outputs", index, "dtype"], "outputs must be float32");
    if (output.shape[0] !== batchDimension) issue(["outputs", index, "shape"], "the first axis must be the batch axis N");
    if (output.role === "heatmap" && output.shape.length !== 4) issue(["outputs", index, "shape"], "heatmap must be [N,1,H,W]");
  });
  if (manifest.outputs.filter((output) => output.role === "heatmap").length > 1) issue(["outputs"], "at most one output may have role heatmap");
}

const manifestV1Schema = z
  .object({ schemaVersion: z.literal(1), ...commonFields })
  .superRefine((manifest, ctx) => {
    const issue: Issue = (path, message) => ctx.addIssue({ code: "custom", path, message });
    checkCommon(manifest, manifest.inputs, issue);
    const roles = manifest.outputs.map((output) => output.role);
    if (roles.filter((role) => role === "probability").length !== 1) issue(["outputs"], "exactly one output must have role probability");
    manifest.outputs.forEach((output, index) => {
      if (output.role === "logit" || output.role === "embedding") issue(["outputs", index, "role"], "schemaVersion 1 outputs are probability or heatmap");
      if (output.role === "probability" && JSON.stringify(output.shape) !== JSON.stringify([batchDimension, 1])) issue(["outputs", index, "shape"], "probability must be [N,1]");
    });
  });

const modelFileSchema = z.object({ file: z.string().regex(/^[\w.-]+\.onnx$/), sha256: z.string().regex(/^[0-9a-f]{64}$/) });

// Two graphs: encoders (inputs -> one embedding per modality + heat map) and a head (embeddings +
// modality mask -> logit), so an explanation re-runs only the head.
const manifestV2Schema = z
  .object({
    schemaVersion: z.literal(2),
    ...commonFields,
    head: z.object({ inputs: z.array(tensorSpecSchema).min(2), outputs: z.array(outputSpecSchema).length(1) }),
    files: z.object({ encoders: modelFileSchema, head: modelFileSchema }),
    calibration: calibrationSchema,
    intendedInputs: intendedInputsSchema,
    outOfDistribution: outOfDistributionSchema.optional(),
    encodersSharedWith: z.object({ name: z.string().min(1), version: z.string().min(1) }).optional(),
    reuse: reuseSchema.optional(),
    flopsPerHeadRow: z.number().positive().optional(),
  })
  .superRefine((manifest, ctx) => {
    const issue: Issue = (path, message) => ctx.addIssue({ code: "custom", path, message });
    checkCommon(manifest, manifest.head.inputs, issue);
    const headInputs = new Map(manifest.head.inputs.map((input) => [input.name, input]));
    for (const modality of manifest.modalities.order) {
      const index = manifest.outputs.findIndex((output) => output.role === "embedding" && output.modality === modality);
      if (index < 0) {
        issue(["outputs"], `no embedding output for ${modality}`);
        continue;
      }
      const embedding = manifest.outputs[index];
      // The head takes the encoder's embedding tensor under the same name, dtype and shape.
      const input = headInputs.get(embedding.name);
      if (!input || input.dtype !== embedding.dtype || JSON.stringify(input.shape) !== JSON.stringify(embedding.shape)) issue(["head", "inputs"], `head input "${embedding.name}" must match the encoder output`);
      if (embedding.shape.length !== 2 || typeof embedding.shape[1] !== "number") issue(["outputs", index, "shape"], "embeddings must be [N,D]");
    }
    if (manifest.outputs.some((output) => output.role === "probability" || output.role === "logit")) issue(["outputs"], "encoder outputs are embeddings and the heat map");
    const [headOutput] = manifest.head.outputs;
    if (headOutput.role !== "logit" || JSON.stringify(headOutput.shape) !== JSON.stringify([batchDimension, 1]) || headOutput.dtype !== "float32") issue(["head", "outputs", 0], "the head outputs one float32 logit [N,1]");
    const ood = manifest.outOfDistribution;
    if (ood) {
      const embedding = manifest.outputs.find((output) => output.name === ood.embedding && output.role === "embedding" && output.modality === ood.modality);
      if (!embedding) issue(["outOfDistribution", "embedding"], "must name an embedding output of that modality");
      else if (embedding.shape[1] !== ood.mean.length) issue(["outOfDistribution", "mean"], "must have the embedding's size");
    }
  });

export const modelManifestSchema = z.discriminatedUnion("schemaVersion", [manifestV1Schema, manifestV2Schema]);

export type ModelManifest = z.infer<typeof modelManifestSchema>;
export type ModelManifestV1 = z.infer<typeof manifestV1Schema>;
export type ModelManifestV2 = z.infer<typeof manifestV2Schema>;
type TensorSpec = z.infer<typeof tensorSpecSchema>;
export type WindowingPreset = z.infer<typeof windowingSchema>;
export type ImagePreprocessing = ModelManifest["preprocessing"]["image"];
export type LabPreprocessing = ModelManifest["preprocessing"]["labs"];
export type NoteTokenizerSpec = ModelManifest["preprocessing"]["note"]["tokenizer"];
export type Modality = z.infer<typeof modalitySchema>;
export type ManifestOutput = ModelManifest["outputs"][number];

export function outputWithRole(manifest: Pick<ModelManifest, "outputs">, role: ManifestOutput["role"]): ManifestOutput | undefined {
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
  "FILE_HASH",
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

/** A graph's declared tensors: a v1 manifest itself, or a v2 manifest's encoders (top level) or `head`. */
export type TensorContract = { inputs: readonly TensorSpec[]; outputs: readonly TensorSpec[] };

export function checkSessionAgainstManifest(session: SessionSignature, manifest: TensorContract): SessionMismatch[] {
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
