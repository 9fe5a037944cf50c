"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/actions/define-action";
import { db } from "@/lib/db/client";
import { markNotificationRead } from "@/lib/monitoring/notifications";
import { markNotificationReadSchema } from "@/lib/monitoring/schema";

export const markNotificationReadAction = defineAction({ name: "notification.mark_read", permission: "home:view", input: markNotificationReadSchema }, async (input, context) => {
  const result = await markNotificationRead(db(), context.user.id, input.notificationId);
  revalidatePath("/");
  return result;
});
