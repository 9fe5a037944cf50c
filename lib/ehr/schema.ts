import { z } from "zod";

// The slice of FHIR R4 the portal reads: Bundle (searchset) of Observation and Patient. Parsed
// leniently (unknown fields pass) because EHRs add extensions; anything we rely on is checked.

const codingSchema = z.object({ system: z.string().optional(), code: z.string().optional(), display: z.string().optional() }).loose();

export const observationSchema = z
  .object({
    resourceType: z.literal("Observation"),
    id: z.string().max(64).optional(),
    status: z.string().optional(),
    code: z.object({ coding: z.array(codingSchema).optional(), text: z.string().optional() }).loose(),
    effectiveDateTime: z.string().optional(),
    effectivePeriod: z.object({ start: z.string().optional(), end: z.string().optional() }).loose().optional(),
    issued: z.string().optional(),
    valueQuantity: z.object({ value: z.number().optional(), unit: z.string().optional(), system: z.string().optional(), code: z.string().optional() }).loose().optional(),
  })
  .loose();
export type Observation = z.infer<typeof observationSchema>;

export const bundleSchema = z
  .object({
    resourceType: z.literal("Bundle"),
    type: z.string().optional(),
    link: z.array(z.object({ relation: z.string(), url: z.string() }).loose()).optional(),
    entry: z.array(z.object({ fullUrl: z.string().optional(), resource: z.record(z.string(), z.unknown()).optional() }).loose()).optional(),
  })
  .loose();
export type Bundle = z.infer<typeof bundleSchema>;

export const loincSystem = "http://loinc.org";
export const ucumSystem = "http://unitsofmeasure.org";
