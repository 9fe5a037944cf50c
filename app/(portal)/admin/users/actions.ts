"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/actions/define-action";
import { resetUserTotpSchema } from "@/lib/auth/schema";
import { resetUserTotp } from "@/lib/auth/second-factor";
import { db } from "@/lib/db/client";
import { createUser, resetPassword, setUserDisabled, updateUserAccess } from "@/lib/users/manage-users";
import { createUserSchema, resetPasswordSchema, setUserDisabledSchema, updateUserAccessSchema } from "@/lib/users/schema";

const actor = (context: { user: { id: string; role: string }; requestId: string }) => ({ ...context.user, requestId: context.requestId });

export const createUserAction = defineAction({ name: "user.create", permission: "user:manage", input: createUserSchema }, async (input, context) => {
  const created = await createUser(db(), actor(context), input);
  revalidatePath("/admin/users");
  return created;
});

export const updateUserAccessAction = defineAction({ name: "user.update_access", permission: "user:manage", input: updateUserAccessSchema }, async (input, context) => {
  const updated = await updateUserAccess(db(), actor(context), input);
  revalidatePath("/admin/users");
  return updated;
});

export const setUserDisabledAction = defineAction({ name: "user.set_disabled", permission: "user:manage", input: setUserDisabledSchema }, async (input, context) => {
  const updated = await setUserDisabled(db(), actor(context), input);
  revalidatePath("/admin/users");
  return updated;
});

export const resetPasswordAction = defineAction({ name: "user.reset_password", permission: "user:manage", input: resetPasswordSchema }, async (input, context) => {
  return resetPassword(db(), actor(context), input);
});

export const resetUserTotpAction = defineAction({ name: "user.reset_totp", permission: "user:manage", input: resetUserTotpSchema }, async (input, context) => {
  const reset = await resetUserTotp(db(), actor(context), input);
  revalidatePath("/admin/users");
  return reset;
});
