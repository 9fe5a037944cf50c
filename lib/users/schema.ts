import { z } from "zod";
import { roles } from "@/lib/auth/permissions";
import { newPasswordSchema } from "@/lib/auth/schema";
import { localeSchema } from "@/lib/i18n/locales";

const idSchema = z.string().min(1).max(64);

export const createUserSchema = z.strictObject({
  email: z.email().max(254).transform((email) => email.toLowerCase()),
  name: z.string().trim().min(1).max(120),
  role: z.enum(roles),
  siteIds: z.array(idSchema).max(50).default([]),
  locale: localeSchema.default("ja"),
  password: newPasswordSchema,
});
export type CreateUserInput = z.infer<typeof createUserSchema>;

export const updateUserAccessSchema = z.strictObject({
  userId: idSchema,
  role: z.enum(roles),
  siteIds: z.array(idSchema).max(50),
});
export type UpdateUserAccessInput = z.infer<typeof updateUserAccessSchema>;

export const setUserDisabledSchema = z.strictObject({ userId: idSchema, disabled: z.boolean() });
export type SetUserDisabledInput = z.infer<typeof setUserDisabledSchema>;

export const resetPasswordSchema = z.strictObject({ userId: idSchema, password: newPasswordSchema });
export type ResetPasswordInput = z.infer<typeof resetPasswordSchema>;
