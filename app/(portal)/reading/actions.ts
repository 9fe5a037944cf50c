"use server";

import { defineAction } from "@/lib/actions/define-action";
import { db } from "@/lib/db/client";
import { loadReleasedAiOutput } from "@/lib/reading/load-ai-output";
import { abandonRead, completeRead, recordFirstCall } from "@/lib/reading/manage-reads";
import { abandonReadSchema, completeReadSchema, recordFirstCallSchema } from "@/lib/reading/schema";

export const completeReadAction = defineAction({ name: "read.complete", permission: "case:read", input: completeReadSchema }, async (input, { user, requestId }) =>
  completeRead(db(), { ...user, requestId }, input),
);

/** Second-reader mode: stores the reader's own call first, and only then returns the AI output. */
export const recordFirstCallAction = defineAction({ name: "read.first_call", permission: "case:read", input: recordFirstCallSchema }, async (input, { user, requestId }) => {
  const reader = { ...user, requestId };
  const { caseId } = await recordFirstCall(db(), reader, input);
  return (await loadReleasedAiOutput(db(), reader, caseId)).output;
});

export const abandonReadAction = defineAction({ name: "read.abandon", permission: "case:read", input: abandonReadSchema }, async (input, { user, requestId }) =>
  abandonRead(db(), { ...user, requestId }, input),
);
