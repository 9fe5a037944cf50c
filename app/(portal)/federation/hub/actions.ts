"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/actions/define-action";
import { serverEnv } from "@/lib/config/env";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { importEvidenceBundle } from "@/lib/federation/import-evidence-bundle";
import { createFederatedStudy, registerFederatedSite } from "@/lib/federation/manage-federation-hub";
import { createFederatedStudySchema, importBundleSchema, registerFederatedSiteSchema } from "@/lib/federation/schema";

function requireHub() {
  if (!serverEnv().FEDERATION_HUB) throw new AppError("FEDERATION_HUB_DISABLED");
}

export const registerFederatedSiteAction = defineAction({ name: "federation.site_register", permission: "federation:hub", input: registerFederatedSiteSchema }, async (input, context) => {
  requireHub();
  const site = await registerFederatedSite(db(), { ...context.user, requestId: context.requestId }, input);
  revalidatePath("/federation/hub");
  return { keyId: site.keyId };
});

export const createFederatedStudyAction = defineAction({ name: "federation.study_create", permission: "federation:hub", input: createFederatedStudySchema }, async (input, context) => {
  requireHub();
  const actor = { ...context.user, requestId: context.requestId };
  const study = await createFederatedStudy(db(), actor, input);
  // The coordinating site's bundle is the study's first; a repeat of it is not an error here.
  await importEvidenceBundle(db(), actor, input.bundleJson).catch((error: unknown) => {
    if (!(error instanceof AppError && error.code === "BUNDLE_REPLAYED")) throw error;
  });
  revalidatePath("/federation/hub");
  return { id: study.id };
});

export const importBundleAction = defineAction({ name: "federation.bundle_import", permission: "federation:hub", input: importBundleSchema }, async (input, context) => {
  requireHub();
  const imported = await importEvidenceBundle(db(), { ...context.user, requestId: context.requestId }, input.bundleJson);
  revalidatePath("/federation/hub");
  revalidatePath(`/federation/hub/${imported.studyId}`);
  return imported;
});
