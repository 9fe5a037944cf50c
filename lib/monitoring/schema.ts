import { z } from "zod";
import { stopRuleKinds } from "./stop-rule-kinds";

const idSchema = z.string().min(1).max(64);
const label = z.string().trim().min(1).max(64);

export const readerExperienceBands = ["junior", "mid", "senior"] as const;
export const sexValues = ["F", "M", "O", "U"] as const;

/**
 * One de-identified observation after adoption, as the clinical system reports it: the inputs' mix,
 * the AI's score and the final read. No identifier of any kind: a case contributes to counts only.
 * A reference outcome that arrives later is a second observation with kind "reference".
 */
export const monitoringObservationSchema = z.discriminatedUnion("kind", [
  z.strictObject({
    kind: z.literal("case"),
    observedAt: z.iso.datetime(),
    modality: label,
    scannerVendor: label.optional(),
    scannerModel: label.optional(),
    /** Acquisition parameters the model's manifest names, already banded (e.g. sliceThickness: "1-2mm"). */
    acquisition: z.record(z.string().regex(/^[A-Za-z][A-Za-z0-9]{0,31}$/), label).refine((value) => Object.keys(value).length <= 8).optional(),
    ageBand: z.string().regex(/^(\d{1,2}-\d{1,2}|≥90)$/).optional(),
    sex: z.enum(sexValues).optional(),
    labs: z.record(z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,31}$/), z.number().finite()).refine((value) => Object.keys(value).length <= 32).optional(),
    aiScore: z.number().min(0).max(1),
    finalCall: z.boolean().optional(),
    readMs: z.number().int().min(0).max(3_600_000).optional(),
    readerExperience: z.enum(readerExperienceBands).optional(),
    referencePresent: z.boolean().optional(),
  }),
  z.strictObject({ kind: z.literal("reference"), observedAt: z.iso.datetime(), aiScore: z.number().min(0).max(1), referencePresent: z.boolean() }),
]);
export type MonitoringObservation = z.infer<typeof monitoringObservationSchema>;

export const recordObservationsSchema = z.strictObject({
  deploymentId: idSchema,
  /** The model file's sha256 that produced the scores: must be the version the deployment monitors. */
  modelSha256: z.string().regex(/^[0-9a-f]{64}$/),
  observations: z.array(monitoringObservationSchema).min(1).max(10_000),
});
export type RecordObservationsInput = z.infer<typeof recordObservationsSchema>;

export const registerStopRuleSchema = z
  .strictObject({
    deploymentId: idSchema,
    kind: z.enum(stopRuleKinds),
    dimension: z.string().trim().max(64).optional(),
    threshold: z.number().finite().min(0).max(1000),
    statement: z.string().trim().min(1).max(2000),
    // Signed like a checklist item: the officer's password at this moment.
    password: z.string().min(1).max(200),
  })
  .refine((input) => input.kind !== "INPUT_DRIFT" || Boolean(input.dimension), { path: ["dimension"], message: "required" });
export type RegisterStopRuleInput = z.infer<typeof registerStopRuleSchema>;

export const setPeriodLengthSchema = z.strictObject({ deploymentId: idSchema, periodLength: z.enum(["WEEK", "MONTH"]) });
export type SetPeriodLengthInput = z.infer<typeof setPeriodLengthSchema>;

/** What a deployment froze from its PoC at adoption (stored as JSON; parsed back through this schema). */
const counts = z.record(z.string(), z.number().int().min(0));
const proportion = z.strictObject({ successes: z.number().int().min(0), n: z.number().int().min(0) });
export const monitoringBaselineSchema = z.strictObject({
  modelVersionId: z.string(),
  modelSha256: z.string(),
  frozenAt: z.iso.datetime(),
  cases: z.number().int().min(0),
  inputs: z.record(z.string(), counts),
  /** Inner decile edges of each lab in the PoC; monitoring bins labs by them (index 0–9). */
  labEdges: z.record(z.string(), z.array(z.number())),
  scores: counts,
  positiveRate: proportion,
  discordance: proportion,
  sensitivity: proportion,
  specificity: proportion,
});
export type MonitoringBaseline = z.infer<typeof monitoringBaselineSchema>;

export const markNotificationReadSchema = z.strictObject({ notificationId: idSchema });
