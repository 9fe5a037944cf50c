"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/actions/define-action";
import { db } from "@/lib/db/client";
import { evaluateStopRules } from "@/lib/monitoring/evaluate-stop-rules";
import { registerStopRule } from "@/lib/monitoring/register-stop-rule";
import { registerStopRuleSchema, setPeriodLengthSchema } from "@/lib/monitoring/schema";
import { setPeriodLength } from "@/lib/monitoring/set-period-length";

export const registerStopRuleAction = defineAction({ name: "monitoring.stop_rule_register", permission: "monitoring:rules", input: registerStopRuleSchema }, async (input, context) => {
  const rule = await registerStopRule(db(), { ...context.user, requestId: context.requestId }, input);
  // A rule registered after the data arrived is checked against it at once.
  await evaluateStopRules(db(), input.deploymentId);
  revalidatePath(`/monitoring/${input.deploymentId}`);
  return { id: rule.id };
});

export const setPeriodLengthAction = defineAction({ name: "monitoring.period_length_set", permission: "monitoring:ingest", input: setPeriodLengthSchema }, async (input, context) => {
  const result = await setPeriodLength(db(), { ...context.user, requestId: context.requestId }, input);
  revalidatePath(`/monitoring/${input.deploymentId}`);
  return result;
});
