"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/actions/define-action";
import { db } from "@/lib/db/client";
import { updateRoiScenario } from "@/lib/roi/manage-roi-scenarios";
import { updateRoiScenarioSchema } from "@/lib/roi/schema";

export const updateRoiScenarioAction = defineAction({ name: "roi.scenario_update", permission: "roi:edit", input: updateRoiScenarioSchema }, async (input, context) => {
  const result = await updateRoiScenario(db(), { ...context.user, requestId: context.requestId }, input);
  revalidatePath(`/dashboard/${result.pocId}`);
  revalidatePath("/dashboard");
  return { changedFields: result.changedFields };
});
