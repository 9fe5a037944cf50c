import { z } from "zod";

const idSchema = z.string().min(1).max(64);

export const registerFederatedSiteSchema = z.strictObject({
  code: z.string().trim().min(1).max(40).regex(/^[A-Za-z0-9_-]+$/),
  name: z.string().trim().min(1).max(200),
  publicKeyPem: z.string().trim().min(40).max(1000).regex(/^-----BEGIN PUBLIC KEY-----[\s\S]+-----END PUBLIC KEY-----$/),
});
export type RegisterFederatedSiteInput = z.infer<typeof registerFederatedSiteSchema>;

/** A study is created from one bundle (the coordinating site's): its plan, model and manifest become the study's. */
export const createFederatedStudySchema = z.strictObject({ title: z.string().trim().min(1).max(200), bundleJson: z.string().min(2).max(900_000) });
export type CreateFederatedStudyInput = z.infer<typeof createFederatedStudySchema>;

// Server actions take 1 MB: a bundle of aggregates is tens of kilobytes.
export const importBundleSchema = z.strictObject({ bundleJson: z.string().min(2).max(900_000) });
export type ImportBundleInput = z.infer<typeof importBundleSchema>;

export const exportBundleSchema = z.strictObject({ pocId: idSchema });
