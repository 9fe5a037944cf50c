"use server";

import { revalidatePath } from "next/cache";
import { defineAction, type ActionContext } from "@/lib/actions/define-action";
import { db } from "@/lib/db/client";
import { addComment } from "@/lib/governance/add-comment";
import { addEvidenceLink } from "@/lib/governance/add-evidence";
import { addCommentSchema, addEvidenceLinkSchema, signOffItemSchema, updateChecklistItemSchema } from "@/lib/governance/schema";
import { signOffItem } from "@/lib/governance/sign-off-item";
import { updateChecklistItem } from "@/lib/governance/update-checklist-item";

const actor = (context: ActionContext) => ({ ...context.user, requestId: context.requestId });

export const updateChecklistItemAction = defineAction({ name: "checklist.update_item", permission: "governance:edit", input: updateChecklistItemSchema }, async (input, context) => {
  const result = await updateChecklistItem(db(), actor(context), input);
  revalidatePath("/governance", "layout");
  return result;
});

export const addEvidenceLinkAction = defineAction({ name: "checklist.add_evidence", permission: "governance:edit", input: addEvidenceLinkSchema }, async (input, context) => {
  const result = await addEvidenceLink(db(), actor(context), input);
  revalidatePath("/governance", "layout");
  return result;
});

export const addCommentAction = defineAction({ name: "checklist.comment", permission: "governance:edit", input: addCommentSchema }, async (input, context) => {
  const result = await addComment(db(), actor(context), input);
  revalidatePath("/governance", "layout");
  return result;
});

export const signOffItemAction = defineAction({ name: "checklist.sign_off", permission: "governance:sign", input: signOffItemSchema }, async (input, context) => {
  const result = await signOffItem(db(), actor(context), input);
  revalidatePath("/governance", "layout");
  return result;
});
