"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/actions/define-action";
import { db } from "@/lib/db/client";
import { createSite } from "@/lib/sites/manage-sites";
import { createSiteSchema } from "@/lib/sites/schema";

export const createSiteAction = defineAction({ name: "site.create", permission: "site:manage", input: createSiteSchema }, async (input, context) => {
  const created = await createSite(db(), { ...context.user, requestId: context.requestId }, input);
  revalidatePath("/admin/sites");
  return created;
});
