"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { defineAction } from "@/lib/actions/define-action";
import { db } from "@/lib/db/client";
import { deleteModelVersion } from "@/lib/models/register-model-version";
import { retireModelVersion } from "@/lib/models/retire-model-version";

const modelVersionIdSchema = z.strictObject({ modelVersionId: z.string().min(1).max(64) });

export const deleteModelVersionAction = defineAction({ name: "model.delete", permission: "model:manage", input: modelVersionIdSchema }, async (input, { user, requestId }) => {
  const deleted = await deleteModelVersion(db(), { ...user, requestId }, input.modelVersionId);
  revalidatePath("/models");
  return deleted;
});

export const retireModelVersionAction = defineAction({ name: "model.retire", permission: "model:manage", input: modelVersionIdSchema }, async (input, { user, requestId }) => {
  const retired = await retireModelVersion(db(), { ...user, requestId }, input.modelVersionId);
  revalidatePath("/models");
  return retired;
});
