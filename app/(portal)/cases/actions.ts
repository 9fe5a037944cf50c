"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/actions/define-action";
import { db } from "@/lib/db/client";
import { importOutcomes, recordOutcome } from "@/lib/outcomes/record-outcomes";
import { importOutcomesSchema, recordOutcomeSchema } from "@/lib/outcomes/schema";

export const recordOutcomeAction = defineAction({ name: "outcome.record", permission: "outcome:record", input: recordOutcomeSchema }, async (input, { user, requestId }) => {
  const result = await recordOutcome(db(), { ...user, requestId }, input);
  revalidatePath(`/cases/${input.caseId}`);
  return result;
});

export const importOutcomesAction = defineAction({ name: "outcome.import", permission: "outcome:record", input: importOutcomesSchema }, async (input, { user, requestId }) => {
  const result = await importOutcomes(db(), { ...user, requestId }, input.pocId, input.csv);
  if (result.ok) revalidatePath("/cases");
  return result;
});
