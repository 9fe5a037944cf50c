"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/actions/define-action";
import { db } from "@/lib/db/client";
import { createChecklistTemplateItem } from "@/lib/governance/create-checklist-template-item";
import { createChecklistTemplateItemSchema } from "@/lib/governance/schema";

export const createChecklistTemplateItemAction = defineAction(
  { name: "checklist.template_create", permission: "governance:template", input: createChecklistTemplateItemSchema },
  async (input, context) => {
    const result = await createChecklistTemplateItem(db(), { ...context.user, requestId: context.requestId }, input);
    revalidatePath("/governance", "layout");
    return result;
  },
);
