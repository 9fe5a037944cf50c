"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/actions/define-action";
import { db } from "@/lib/db/client";
import { createPocApiToken, revokePocApiToken } from "@/lib/integrations/poc-api-tokens";
import { enableResultsToPacs } from "@/lib/integrations/results-to-pacs";
import { createPocApiTokenSchema, pocApiTokenIdSchema, pocIdSchema, siteIntegrationSchema } from "@/lib/integrations/schema";
import { saveSiteIntegration } from "@/lib/integrations/site-integration";

export const saveSiteIntegrationAction = defineAction({ name: "site.integration_update", permission: "site:manage", input: siteIntegrationSchema }, async (input, context) => {
  await saveSiteIntegration(db(), { ...context.user, requestId: context.requestId }, input);
  revalidatePath(`/admin/sites/${input.siteId}/integration`);
  return { saved: true };
});

export const createPocApiTokenAction = defineAction({ name: "poc.api_token_create", permission: "site:manage", input: createPocApiTokenSchema }, async (input, context) => {
  const created = await createPocApiToken(db(), { ...context.user, requestId: context.requestId }, input);
  // The token is shown this once; only its hash is kept.
  return { token: created.token };
});

export const revokePocApiTokenAction = defineAction({ name: "poc.api_token_revoke", permission: "site:manage", input: pocApiTokenIdSchema }, async (input, context) => {
  await revokePocApiToken(db(), { ...context.user, requestId: context.requestId }, input.tokenId);
  return { revoked: true };
});

export const enableResultsToPacsAction = defineAction({ name: "poc.results_to_pacs_enable", permission: "site:manage", input: pocIdSchema }, async (input, context) => {
  await enableResultsToPacs(db(), { ...context.user, requestId: context.requestId }, input.pocId);
  return { enabled: true };
});
