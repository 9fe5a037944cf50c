import { z } from "zod";

export const signInSchema = z.strictObject({
  email: z.email().max(254).transform((email) => email.toLowerCase()),
  password: z.string().min(1).max(200),
  /** The second factor: a 6-digit TOTP code or a recovery code; sent only when the server asked for it. */
  otp: z.string().trim().min(1).max(32).optional(),
});
export type SignInInput = z.infer<typeof signInSchema>;

export const startTotpEnrolmentSchema = z.strictObject({});
export type StartTotpEnrolmentInput = z.infer<typeof startTotpEnrolmentSchema>;

export const confirmTotpEnrolmentSchema = z.strictObject({ code: z.string().trim().regex(/^\d{6}$/) });
export type ConfirmTotpEnrolmentInput = z.infer<typeof confirmTotpEnrolmentSchema>;

export const resetUserTotpSchema = z.strictObject({ userId: z.string().min(1).max(64) });
export type ResetUserTotpInput = z.infer<typeof resetUserTotpSchema>;
