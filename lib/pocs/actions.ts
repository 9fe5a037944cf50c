"use server";

import { revalidatePath } from "next/cache";
import { defineAction, type ActionContext } from "@/lib/actions/define-action";
import { db } from "@/lib/db/client";
import { decidePocSchema, pocIdSchema } from "@/lib/pocs/schema";
import { transitionPoc } from "@/lib/pocs/transition-poc";

// Each lifecycle step is its own action with its own permission; transitionPoc checks the role and the gate again.
const actor = (context: ActionContext) => ({ ...context.user, requestId: context.requestId });

function refreshPocViews(pocId: string) {
  revalidatePath("/admin/pocs");
  revalidatePath("/governance");
  revalidatePath(`/governance/${pocId}`);
}

export const approvePocAction = defineAction({ name: "poc.approve", permission: "poc:approve", input: pocIdSchema }, async (input, context) => {
  const result = await transitionPoc(db(), actor(context), { pocId: input.pocId, transition: "approve" });
  refreshPocViews(input.pocId);
  return result;
});

export const startPocAction = defineAction({ name: "poc.start", permission: "poc:start", input: pocIdSchema }, async (input, context) => {
  const result = await transitionPoc(db(), actor(context), { pocId: input.pocId, transition: "start" });
  refreshPocViews(input.pocId);
  return result;
});

export const beginPocEvaluationAction = defineAction({ name: "poc.begin_evaluation", permission: "poc:start", input: pocIdSchema }, async (input, context) => {
  const result = await transitionPoc(db(), actor(context), { pocId: input.pocId, transition: "beginEvaluation" });
  refreshPocViews(input.pocId);
  return result;
});

export const decidePocAction = defineAction({ name: "poc.decide", permission: "poc:decide", input: decidePocSchema }, async (input, context) => {
  const result = await transitionPoc(db(), actor(context), { ...input, transition: "decide" });
  refreshPocViews(input.pocId);
  return result;
});
