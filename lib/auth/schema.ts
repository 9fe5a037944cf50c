import { z } from "zod";

export const signInSchema = z.strictObject({
  email: z.email().max(254).transform((email) => email.toLowerCase()),
  password: z.string().min(1).max(200),
});
export type SignInInput = z.infer<typeof signInSchema>;
