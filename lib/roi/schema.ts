import { z } from "zod";

const yen = z.number().finite().min(0).max(1e12);
const idSchema = z.string().min(1).max(64);

/** What executives and admins edit: every amount in JPY, rates as fractions. */
export const roiInputsSchema = z.strictObject({
  annualCaseVolume: z.number().int().min(1).max(10_000_000),
  readerCostPerHourJpy: yen,
  repeatExamUnitCostJpy: yen,
  /** Optional: cost of a missed or late diagnosis; null leaves outcome value out of the benefits. */
  missedDiagnosisCostJpy: yen.nullable(),
  licencePerYearJpy: yen,
  gpuHostPerYearJpy: yen,
  integrationOneOffJpy: yen,
  trainingOneOffJpy: yen,
  governancePerYearJpy: yen,
  /** Share of the annual volume read with the AI in year 1, 2, …; the last value carries on. */
  adoptionRamp: z.array(z.number().min(0).max(1)).min(1).max(10),
  horizonYears: z.number().int().min(1).max(10),
  discountRate: z.number().min(0).max(0.5),
  /** Which end of the measured KPIs' 95% intervals this scenario takes. */
  kpiBasis: z.enum(["lower", "estimate", "upper"]),
  /** The scenario's assumed per-case benefits, used (and shown as assumed) until the PoC measures them precisely. */
  assumedBenefits: z.strictObject({
    hoursSavedPerCase: z.strictObject({ lower: z.number().min(-1).max(1), estimate: z.number().min(-1).max(1), upper: z.number().min(-1).max(1) }),
    repeatExamsAvoidedPerCase: z.strictObject({ lower: z.number().min(-1).max(1), estimate: z.number().min(-1).max(1), upper: z.number().min(-1).max(1) }),
    missedDiagnosesAvoidedPerCase: z.strictObject({ lower: z.number().min(-1).max(1), estimate: z.number().min(-1).max(1), upper: z.number().min(-1).max(1) }),
  }).optional(),
});
export type RoiInputs = z.infer<typeof roiInputsSchema>;
export const editableRoiInputKeys = Object.keys(roiInputsSchema.shape) as (keyof RoiInputs)[];

/** A KPI-derived input: measured in the PoC, with its 95% interval (in per-case units). */
export const measuredInputSchema = z.strictObject({ estimate: z.number(), lower: z.number(), upper: z.number(), n: z.number().int().min(0), source: z.enum(["measured", "assumed"]).optional() });
export type MeasuredInput = z.infer<typeof measuredInputSchema>;
export const measuredRoiInputsSchema = z.strictObject({
  hoursSavedPerCase: measuredInputSchema.nullable(),
  repeatExamsAvoidedPerCase: measuredInputSchema.nullable(),
  missedDiagnosesAvoidedPerCase: measuredInputSchema.nullable(),
});
export type MeasuredRoiInputs = z.infer<typeof measuredRoiInputsSchema>;

export const updateRoiScenarioSchema = z.strictObject({ scenarioId: idSchema, inputs: roiInputsSchema, note: z.string().trim().max(500).optional() });
export type UpdateRoiScenarioInput = z.infer<typeof updateRoiScenarioSchema>;
