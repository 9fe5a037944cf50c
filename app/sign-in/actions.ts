"use server";

import { AuthError, CredentialsSignin } from "next-auth";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import type { ActionFailure } from "@/lib/actions/define-action";
import { signIn } from "@/lib/auth/auth";
import { secondFactorRequired } from "@/lib/auth/authenticate-with-password";
import { signInSchema, type SignInInput } from "@/lib/auth/schema";
import { db } from "@/lib/db/client";
import { localeCookieName } from "@/lib/i18n/locales";
import { savedLocaleOf } from "@/lib/users/user-locale";

/**
 * One generic failure whatever went wrong, so the form never tells which accounts exist or are locked.
 * The one exception: after the right password of an account with TOTP, the answer is
 * SECOND_FACTOR_REQUIRED and the form sends e-mail, password and code again (no half-signed-in state).
 */
export async function signInWithPasswordAction(input: SignInInput): Promise<ActionFailure> {
  const parsed = signInSchema.safeParse(input);
  if (!parsed.success) return { ok: false, error: "INVALID_CREDENTIALS" };
  const { otp, ...emailAndPassword } = parsed.data;
  try {
    // Auth.js turns every credential into a form field: leave otp out rather than send "undefined".
    await signIn("credentials", { ...emailAndPassword, ...(otp ? { otp } : {}), redirect: false });
  } catch (error) {
    if (error instanceof CredentialsSignin && error.code === secondFactorRequired) return { ok: false, error: "SECOND_FACTOR_REQUIRED" };
    if (error instanceof AuthError) return { ok: false, error: "INVALID_CREDENTIALS" };
    throw error;
  }
  const locale = await savedLocaleOf(db(), parsed.data.email);
  if (locale) (await cookies()).set(localeCookieName, locale, { path: "/", sameSite: "lax", httpOnly: true, maxAge: 365 * 24 * 3600 });
  redirect("/");
}
