import { z } from "zod";
import type { KpiKey } from "@/lib/kpi/kpi-definitions";

const idSchema = z.string().min(1).max(64);

/** KPIs a PoC can pre-register, with the direction that counts as success and their unit. */
export const registrableKpis = {
  readingTimeRelativeChange: { comparator: "lte", unit: "ratio" },
  sensitivityDifference: { comparator: "gte", unit: "ratio" },
  specificityDifference: { comparator: "gte", unit: "ratio" },
  repeatExamRateDifference: { comparator: "lte", unit: "ratio" },
} as const satisfies Partial<Record<KpiKey, { comparator: "lte" | "gte"; unit: string }>>;
const kpiKeys = Object.keys(registrableKpis) as [keyof typeof registrableKpis, ...(keyof typeof registrableKpis)[]];

export const createPocSchema = z.strictObject({
  siteId: idSchema,
  modelVersionId: idSchema,
  title: z.string().trim().min(1).max(200),
  clinicalQuestion: z.string().trim().min(1).max(2000),
  readingDesign: z.enum(["RANDOMISED", "CROSSOVER"]),
  aiMode: z.enum(["CONCURRENT", "SECOND_READER"]),
  aidedShare: z.number().min(0.1).max(0.9),
  washoutDays: z.number().int().min(0).max(365),
  /** An input outside the model's declared intended use: refused (default), or accepted, flagged and left out of KPIs. */
  outOfIntendedUsePolicy: z.enum(["REFUSE", "FLAG"]).default("REFUSE"),
  kpiTargets: z
    .array(z.strictObject({ kpi: z.enum(kpiKeys), targetValue: z.number().min(-1).max(1), isPrimary: z.boolean() }))
    .min(1)
    .max(kpiKeys.length)
    .refine((targets) => targets.filter((target) => target.isPrimary).length === 1, { message: "one primary KPI" })
    .refine((targets) => new Set(targets.map((target) => target.kpi)).size === targets.length, { message: "duplicate KPI" }),
});
export type CreatePocInput = z.infer<typeof createPocSchema>;

export const pocIdSchema = z.strictObject({ pocId: idSchema });
export type PocIdInput = z.infer<typeof pocIdSchema>;

export const decidePocSchema = z.strictObject({
  pocId: idSchema,
  decision: z.enum(["SCALE", "ITERATE", "STOP"]),
  reason: z.string().trim().min(1).max(4000),
});
export type DecidePocInput = z.infer<typeof decidePocSchema>;
