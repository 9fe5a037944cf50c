import { z } from "zod";
import { checklistFamilies, checklistPhases, complianceFrameworks } from "@/lib/governance/frameworks";

const idSchema = z.string().min(1).max(64);
const optionalText = (max: number) => z.string().trim().max(max).transform((value) => value || undefined).optional();
/** A calendar date as the date input sends it; stored as midnight UTC. */
const calendarDateSchema = z.iso.date().transform((value) => new Date(`${value}T00:00:00.000Z`));

export const updateChecklistItemSchema = z.strictObject({
  itemId: idSchema,
  ownerId: idSchema.nullable(),
  dueDate: calendarDateSchema.nullable(),
  // APPROVED and NOT_APPLICABLE are reached only through a password-confirmed sign-off.
  status: z.enum(["OPEN", "IN_REVIEW"]),
});
export type UpdateChecklistItemInput = z.infer<typeof updateChecklistItemSchema>;

export const addEvidenceLinkSchema = z.strictObject({
  itemId: idSchema,
  url: z.url({ protocol: /^https?$/, hostname: z.regexes.domain }).max(2000),
  description: optionalText(500),
});
export type AddEvidenceLinkInput = z.infer<typeof addEvidenceLinkSchema>;

/** The form fields that travel with an uploaded evidence file (the file itself is checked by sniffing). */
export const evidenceUploadFieldsSchema = z.strictObject({
  itemId: idSchema,
  description: optionalText(500),
});

export const addCommentSchema = z.strictObject({ itemId: idSchema, body: z.string().trim().min(1).max(4000) });
export type AddCommentInput = z.infer<typeof addCommentSchema>;

export const signOffItemSchema = z
  .strictObject({
    itemId: idSchema,
    // No default: the signer chooses the verdict every time.
    status: z.enum(["APPROVED", "NOT_APPLICABLE", "OPEN"]),
    statement: z.string().trim().min(1).max(2000),
    naReason: optionalText(2000),
    // Checked against the signer's own password at this moment (re-authentication for the signature).
    password: z.string().min(1).max(200),
  })
  .refine((input) => input.status !== "NOT_APPLICABLE" || Boolean(input.naReason), { path: ["naReason"], message: "required" });
export type SignOffItemInput = z.infer<typeof signOffItemSchema>;

export const createChecklistTemplateItemSchema = z.strictObject({
  siteId: idSchema,
  family: z.enum(checklistFamilies),
  phase: z.enum(checklistPhases),
  titleJa: z.string().trim().min(1).max(300),
  titleEn: z.string().trim().min(1).max(300),
  evidenceJa: z.string().trim().min(1).max(1000),
  evidenceEn: z.string().trim().min(1).max(1000),
  frameworks: z.array(z.enum(complianceFrameworks)).min(1).max(complianceFrameworks.length),
  // Chosen explicitly by the admin: no default either way.
  requiresEvidence: z.boolean(),
  highRisk: z.boolean(),
});
export type CreateChecklistTemplateItemInput = z.infer<typeof createChecklistTemplateItemSchema>;

export const setSecondSignerRuleSchema = z.strictObject({ siteId: idSchema, required: z.boolean() });
export type SetSecondSignerRuleInput = z.infer<typeof setSecondSignerRuleSchema>;
