import { z } from "zod";

// The evidence parts of a model manifest (schemaVersion 2 adds calibration, the intended-use gate,
// the out-of-distribution score and reuse): what the model card exports and the service applies.

export const modalitySchema = z.enum(["image", "labs", "note"]);

const ci95Schema = z.tuple([z.number(), z.number()]);

export const aurocEntrySchema = z.object({
  inputs: z.array(modalitySchema).min(1),
  method: z.enum(["joint", "sumOfSingleModalityLogits"]).default("joint"),
  value: z.number().min(0).max(1),
  n: z.number().int().positive(),
  nPositive: z.number().int().nonnegative().optional(),
  ci95: ci95Schema.optional(),
});

const reliabilityBinSchema = z.object({
  binFrom: z.number().min(0).max(1),
  binTo: z.number().min(0).max(1),
  n: z.number().int().nonnegative(),
  meanPredicted: z.number().min(0).max(1),
  observed: z.number().min(0).max(1),
});

const calibrationSummarySchema = z.object({
  ece: z.number().min(0).max(1),
  slope: z.number(),
  intercept: z.number(),
  brier: z.number().min(0).max(1),
  reliability: z.array(reliabilityBinSchema),
});

/** Temperature scaling: p = sigmoid(logit / temperature), fitted on held-out data at training time. */
export const calibrationSchema = z.object({
  method: z.literal("temperature"),
  temperature: z.number().positive().max(100),
  fittedOnCases: z.number().int().positive(),
  heldOut: z.object({ n: z.number().int().positive(), inputs: z.array(modalitySchema).min(1), before: calibrationSummarySchema, after: calibrationSummarySchema }),
});

const rangeSchema = z
  .object({ min: z.number(), max: z.number() })
  .refine((range) => range.min <= range.max, { message: "min must not exceed max" });

/** What the model was built for; an input outside it is refused or flagged at submission. */
export const intendedInputsSchema = z.object({
  dicomModalities: z.array(z.string().regex(/^[A-Z]{2,4}$/)).min(1),
  bodyParts: z.array(z.string().regex(/^[A-Z][A-Z0-9 _]*$/)).min(1),
  photometricInterpretations: z.array(z.enum(["MONOCHROME1", "MONOCHROME2", "RGB", "PALETTE COLOR", "YBR_FULL", "YBR_FULL_422"])).min(1),
  pixelSpacingMm: rangeSchema,
  patientAgeYears: rangeSchema,
});

const rateSchema = z.object({ value: z.number().min(0).max(1), flagged: z.number().int().nonnegative(), n: z.number().int().positive(), ci95: ci95Schema });

/** Mahalanobis distance of one modality's embedding: |W (e - mean)|; above threshold = unlike training. */
export const outOfDistributionSchema = z
  .object({
    modality: modalitySchema,
    embedding: z.string().min(1),
    method: z.literal("mahalanobis"),
    shrinkage: z.number().nonnegative(),
    mean: z.array(z.number()).min(1),
    whitening: z.array(z.array(z.number())).min(1),
    threshold: z.number().positive(),
    thresholdQuantile: z.number().gt(0).lt(1),
    fittedOnCases: z.number().int().positive(),
    thresholdSetOnCases: z.number().int().positive(),
    falseAlarmRate: rateSchema,
    detectionRate: z.array(z.object({ kind: z.string().min(1), flagged: z.number().int().nonnegative(), n: z.number().int().positive(), rate: z.number().min(0).max(1), ci95: ci95Schema })),
  })
  .refine((ood) => ood.whitening.length === ood.mean.length && ood.whitening.every((row) => row.length === ood.mean.length), {
    message: "whitening must be a square matrix the size of mean",
    path: ["whitening"],
  });

/** A head trained on another version's frozen encoders, compared with the same architecture from zero. */
export const reuseSchema = z.object({
  labelledCases: z.number().int().positive(),
  labelledPositive: z.number().int().nonnegative(),
  headOnly: aurocEntrySchema,
  fromScratch: aurocEntrySchema,
});

export type Calibration = z.infer<typeof calibrationSchema>;
export type CalibrationSummary = z.infer<typeof calibrationSummarySchema>;
export type IntendedInputs = z.infer<typeof intendedInputsSchema>;
export type OutOfDistribution = z.infer<typeof outOfDistributionSchema>;
