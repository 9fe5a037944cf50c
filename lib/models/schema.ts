import { z } from "zod";

/** The model card export's query: ?format=chai|fhir&locale=ja|en&poc=<id>. */
export const modelCardQuerySchema = z.strictObject({
  format: z.enum(["chai", "fhir"]).default("chai"),
  locale: z.enum(["ja", "en"]).default("ja"),
  poc: z.string().min(1).max(64).optional(),
});
