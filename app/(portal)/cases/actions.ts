"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/actions/define-action";
import { caseIdSchema } from "@/lib/cases/schema";
import { viewCase } from "@/lib/cases/view-case";
import { db } from "@/lib/db/client";
import { runCaseInference } from "@/lib/cases/run-case-inference";
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

/** Runs (or re-runs after a failure) the PoC's model on a case of the clinician's sites. */
export const runCaseInferenceAction = defineAction({ name: "case.run_inference", permission: "case:submit", input: caseIdSchema }, async (input, { user, requestId }) => {
  await viewCase(db(), { ...user, requestId }, input.caseId);
  const inference = await runCaseInference(db(), input.caseId);
  revalidatePath(`/cases/${input.caseId}`);
  return { status: inference.status, errorCode: inference.errorCode };
});
