import { z } from "zod";

export const createSiteSchema = z.strictObject({
  code: z.string().trim().toUpperCase().regex(/^[A-Z0-9-]{2,20}$/),
  nameEn: z.string().trim().min(1).max(120),
  nameJa: z.string().trim().min(1).max(120),
  department: z.string().trim().max(120).optional().transform((value) => value || undefined),
});
export type CreateSiteInput = z.infer<typeof createSiteSchema>;
