import { z } from "zod";

// The evidence bundle a site exports, version 1. Aggregates only: counts, sums and histograms per
// arm and subgroup, with cells under minimumCellSize suppressed; no case, reader or patient attribute.

const count = z.number().int().min(0).max(1e12);
const finite = z.number().finite();
const hex64 = z.string().regex(/^[0-9a-f]{64}$/);

/** A proportion's numerator and denominator, or only the fact that its denominator was under 5. */
const proportionCellSchema = z.union([
  z.strictObject({ suppressed: z.literal(false), successes: count, n: count }),
  z.strictObject({ suppressed: z.literal(true) }),
]);
const momentsCellSchema = z.union([
  z.strictObject({ suppressed: z.literal(false), n: count, sum: finite, sumOfSquares: finite }),
  z.strictObject({ suppressed: z.literal(true) }),
]);

const armStatisticsSchema = z.strictObject({
  reads: count,
  /** Reader sensitivity: correct positive calls among reads of reference-positive cases. */
  sensitivity: proportionCellSchema,
  specificity: proportionCellSchema,
  /** Active reading time in ms. */
  readingMs: momentsCellSchema,
  /** ln(ms) histogram on the KPI grid (0.5%), bins under 5 merged into their neighbour. */
  logReadingTimeBins: z.array(z.strictObject({ bin: z.number().int(), count: count })).max(20_000),
  /** Repeat exams among single-arm cases with an outcome. */
  repeatExams: proportionCellSchema,
  avoidableRepeatExams: proportionCellSchema,
  /** Aided reads whose call changed after the AI, among those where it was recorded. */
  secondOpinionChanges: proportionCellSchema,
  /** The long horizon, among single-arm cases with the outcome recorded. */
  readmissions: proportionCellSchema,
  complications: proportionCellSchema,
  timeToTreatmentHours: momentsCellSchema,
  patientSatisfaction: momentsCellSchema,
});
export type ArmStatistics = z.infer<typeof armStatisticsSchema>;

export const bundleSubgroupDimensions = ["ageBand", "sex", "scannerVendor"] as const;

const analysisPlanSchema = z.strictObject({
  version: z.literal(1),
  readingDesign: z.enum(["RANDOMISED", "CROSSOVER"]),
  aiMode: z.enum(["CONCURRENT", "SECOND_READER"]),
  targets: z.array(z.strictObject({ kpi: z.string().max(80), comparator: z.enum(["lte", "gte"]), targetValue: finite, isPrimary: z.boolean() })).max(50),
  /** The effect measures pooled across sites and their estimators. */
  pooledEffects: z.array(z.string().max(80)).max(20),
  minimumCellSize: z.number().int().min(1).max(100),
});
export type AnalysisPlan = z.infer<typeof analysisPlanSchema>;

export const evidenceBundleSchema = z.strictObject({
  format: z.literal("mmfm.evidence-bundle"),
  schemaVersion: z.literal(1),
  site: z.strictObject({ code: z.string().min(1).max(40), keyId: z.string().regex(/^[0-9a-f]{16}$/) }),
  exportedAt: z.iso.datetime(),
  period: z.strictObject({ from: z.iso.datetime().nullable(), to: z.iso.datetime().nullable() }),
  analysisPlan: z.strictObject({ plan: analysisPlanSchema, hash: hex64 }),
  model: z.strictObject({ name: z.string().max(200), version: z.string().max(100), sha256: hex64, manifestHash: hex64 }),
  checklist: z.array(z.strictObject({ key: z.string().max(200), phase: z.string().max(40), status: z.string().max(40) })).max(500),
  statistics: z.strictObject({
    arms: z.strictObject({ UNAIDED: armStatisticsSchema, AIDED: armStatisticsSchema }),
    aiStandalone: z.strictObject({ sensitivity: proportionCellSchema, specificity: proportionCellSchema }),
    subgroups: z
      .array(z.strictObject({ dimension: z.enum(bundleSubgroupDimensions), groupKey: z.string().max(80), sensitivity: proportionCellSchema, specificity: proportionCellSchema }))
      .max(500),
  }),
});
export type EvidenceBundle = z.infer<typeof evidenceBundleSchema>;

export const signedBundleSchema = z.strictObject({
  payload: evidenceBundleSchema,
  signature: z.strictObject({ algorithm: z.literal("Ed25519"), keyId: z.string().regex(/^[0-9a-f]{16}$/), value: z.string().regex(/^[A-Za-z0-9+/]+={0,2}$/).max(200) }),
});
export type SignedBundle = z.infer<typeof signedBundleSchema>;
