"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/actions/define-action";
import { db } from "@/lib/db/client";
import { createChecklistTemplateItem } from "@/lib/governance/create-checklist-template-item";
import { createChecklistTemplateItemSchema, setSecondSignerRuleSchema } from "@/lib/governance/schema";
import { setSecondSignerRule } from "@/lib/governance/set-second-signer-rule";

export const createChecklistTemplateItemAction = defineAction(
  { name: "checklist.template_create", permission: "governance:template", input: createChecklistTemplateItemSchema },
  async (input, context) => {
    const result = await createChecklistTemplateItem(db(), { ...context.user, requestId: context.requestId }, input);
    revalidatePath("/governance", "layout");
    return result;
  },
);

export const setSecondSignerRuleAction = defineAction(
  { name: "checklist.second_signer_rule", permission: "governance:template", input: setSecondSignerRuleSchema },
  async (input, context) => {
    const result = await setSecondSignerRule(db(), { ...context.user, requestId: context.requestId }, input);
    revalidatePath("/governance", "layout");
    return result;
  },
);
