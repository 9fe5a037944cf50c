import { z } from "zod";

// At least 12 characters: long passphrases beat complexity rules (NIST SP 800-63B).
export const newPasswordSchema = z.string().min(12).max(200);

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

export const changePasswordSchema = z.strictObject({ currentPassword: z.string().min(1).max(200), newPassword: newPasswordSchema });
export type ChangePasswordInput = z.infer<typeof changePasswordSchema>;

export const signOutEverywhereSchema = z.strictObject({});

/** A session as the list on /account/security names it: the row id (a hash), never the secret. */
export const revokeSessionSchema = z.strictObject({ sessionKey: z.string().min(1).max(64) });
export type RevokeSessionInput = z.infer<typeof revokeSessionSchema>;
