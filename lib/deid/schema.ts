import { z } from "zod";

// A case's pseudonymous code becomes Patient Name (PN, 64 characters per component group) and
// Patient ID (LO, 64 characters): plain ASCII letters, digits and separators, so it can carry nothing
// else and needs no character set.
export const pseudonymSchema = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, "pseudonym must be 1-64 ASCII letters, digits, '.', '_' or '-'");

export const deidKeysSchema = z.strictObject({
  /** The PoC's secret key for UID hashing and date shifting; at least 32 characters (e.g. 256 random bits, base64). */
  pocSecret: z.string().min(32),
  /** The case's pseudonymous code, written into Patient Name and Patient ID. */
  pseudonym: pseudonymSchema,
  /** A stable key of the case (never shown), from which the case's date offset is derived. */
  caseKey: z.string().min(1).max(200),
});

export type DeidKeys = z.infer<typeof deidKeysSchema>;

export const fileKindSchema = z.enum(["dicom", "png", "jpeg"]);
export type FileKind = z.infer<typeof fileKindSchema>;

export const caseInputsSchema = deidKeysSchema.extend({
  // z.custom rather than z.instanceof: a Node Buffer (Uint8Array over ArrayBufferLike) must type-check too.
  files: z.array(z.strictObject({ bytes: z.custom<Uint8Array>((value) => value instanceof Uint8Array), kind: fileKindSchema })).max(500),
  // No C0/C1 control characters (tab and line breaks aside): they cannot be stored and hide text.
  note: z.string().max(200_000).refine((note) => !/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/.test(note)),
});

export type CaseInputs = z.infer<typeof caseInputsSchema>;
