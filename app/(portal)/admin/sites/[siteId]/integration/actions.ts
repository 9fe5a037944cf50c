"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/actions/define-action";
import { db } from "@/lib/db/client";
import { siteIntegrationSchema } from "@/lib/integrations/schema";
import { saveSiteIntegration } from "@/lib/integrations/site-integration";

export const saveSiteIntegrationAction = defineAction({ name: "site.integration_update", permission: "site:manage", input: siteIntegrationSchema }, async (input, context) => {
  await saveSiteIntegration(db(), { ...context.user, requestId: context.requestId }, input);
  revalidatePath(`/admin/sites/${input.siteId}/integration`);
  return { saved: true };
});
