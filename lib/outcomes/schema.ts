import { z } from "zod";

export const referenceSources = ["PATHOLOGY", "FOLLOW_UP_IMAGING", "EXPERT_PANEL", "OTHER"] as const;

/** One case's outcome, as the form sends it and as each CSV row must parse. */
export const outcomeFieldsSchema = z.strictObject({
  referencePresent: z.boolean(),
  referenceSource: z.enum(referenceSources),
  repeatExamOrdered: z.boolean(),
  repeatExamAvoidable: z.boolean().nullable().default(null),
  timeToTreatmentHours: z.number().min(0).max(24 * 365).nullable().default(null),
  readmitted30d: z.boolean().nullable().default(null),
  complication: z.boolean().nullable().default(null),
  patientSatisfaction: z.number().int().min(1).max(5).nullable().default(null),
});

export const recordOutcomeSchema = outcomeFieldsSchema.extend({ caseId: z.string().min(1).max(64) });
export type RecordOutcomeInput = z.infer<typeof recordOutcomeSchema>;

// CSV cells are text: accept the spellings hospitals' exports use, in both languages.
const csvBoolean = z
  .string()
  .trim()
  .toLowerCase()
  .transform((value, context) => {
    if (["true", "yes", "y", "1", "はい", "有", "あり"].includes(value)) return true;
    if (["false", "no", "n", "0", "いいえ", "無", "なし"].includes(value)) return false;
    context.addIssue({ code: "custom", message: "boolean" });
    return z.NEVER;
  });
// An absent column or an empty cell both mean "not recorded".
const optional = <T extends z.ZodType>(schema: T) => z.preprocess((value) => (value === undefined || (typeof value === "string" && value.trim() === "") ? null : value), schema.nullable());

export const outcomeCsvRowSchema = z.strictObject({
  caseCode: z.string().trim().min(1).max(40),
  referencePresent: csvBoolean,
  referenceSource: z.string().trim().toUpperCase().pipe(z.enum(referenceSources)),
  repeatExamOrdered: csvBoolean,
  repeatExamAvoidable: optional(csvBoolean),
  timeToTreatmentHours: optional(z.coerce.number().min(0).max(24 * 365)),
  readmitted30d: optional(csvBoolean),
  complication: optional(csvBoolean),
  patientSatisfaction: optional(z.coerce.number().int().min(1).max(5)),
});
export type OutcomeCsvRow = z.infer<typeof outcomeCsvRowSchema>;
export const outcomeCsvColumns = Object.keys(outcomeCsvRowSchema.shape) as (keyof OutcomeCsvRow)[];

export const importOutcomesSchema = z.strictObject({
  pocId: z.string().min(1).max(64),
  csv: z.string().min(1).max(900_000),
});
export type ImportOutcomesInput = z.infer<typeof importOutcomesSchema>;
