import { z } from "zod";

const httpUrl = z
  .string()
  .trim()
  .max(500)
  .refine((value) => value === "" || /^https?:\/\/[^\s]+$/.test(value), { params: { code: "url" } });
const uid = z.string().regex(/^[0-9]+(\.[0-9]+)*$/).max(64);
const dicomDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/).or(z.literal(""));
const searchText = z.string().trim().max(64).regex(/^[^\u0000-\u001F*?\\]*$/);

/** An admin's PACS/EHR settings for a site; an empty secret keeps the stored one. */
export const siteIntegrationSchema = z.strictObject({
  siteId: z.string().min(1).max(64),
  dicomWebUrl: httpUrl,
  dicomWebUsername: z.string().trim().max(128).default(""),
  dicomWebPassword: z.string().max(512).default(""),
  fhirUrl: httpUrl,
  fhirAuth: z.enum(["none", "bearer", "basic"]),
  fhirUsername: z.string().trim().max(128).default(""),
  fhirSecret: z.string().max(2048).default(""),
  labWindowHours: z.coerce.number().int().min(1).max(24 * 30),
});
export type SiteIntegrationInput = z.infer<typeof siteIntegrationSchema>;

export const studySearchSchema = z.strictObject({
  pocId: z.string().min(1).max(64),
  accessionNumber: searchText.default(""),
  patientId: searchText.default(""),
  studyDateFrom: dicomDate.default(""),
  studyDateTo: dicomDate.default(""),
  modality: z.string().regex(/^[A-Z]{0,4}$/).default(""),
  studyDescription: searchText.default(""),
});
export type StudySearchInput = z.infer<typeof studySearchSchema>;

export const importStudiesSchema = z.strictObject({
  pocId: z.string().min(1).max(64),
  studyInstanceUids: z.array(uid).min(1).max(200),
  /** The clinician confirms the studies may carry burned-in text (ultrasound, secondary captures). */
  confirmBurnedIn: z.boolean().default(false),
});
export type ImportStudiesInput = z.infer<typeof importStudiesSchema>;

export const importStudyIdSchema = z.strictObject({ importStudyId: z.string().min(1).max(64) });
export const importJobsQuerySchema = z.strictObject({ pocId: z.string().min(1).max(64) });

export const createPocApiTokenSchema = z.strictObject({ pocId: z.string().min(1).max(64), label: z.string().trim().min(1).max(60) });
export const pocApiTokenIdSchema = z.strictObject({ tokenId: z.string().min(1).max(64) });
export const pocIdSchema = z.strictObject({ pocId: z.string().min(1).max(64) });
