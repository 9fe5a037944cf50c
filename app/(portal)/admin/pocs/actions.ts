"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/actions/define-action";
import { db } from "@/lib/db/client";
import { createPoc } from "@/lib/pocs/create-poc";
import { createPocSchema } from "@/lib/pocs/schema";

export const createPocAction = defineAction({ name: "poc.create", permission: "poc:manage", input: createPocSchema }, async (input, context) => {
  const result = await createPoc(db(), { ...context.user, requestId: context.requestId }, input);
  revalidatePath("/admin/pocs");
  revalidatePath("/governance");
  return result;
});
