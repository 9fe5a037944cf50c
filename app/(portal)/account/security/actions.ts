"use server";

import { headers } from "next/headers";
import { defineAction } from "@/lib/actions/define-action";
import { signOut, updateSession } from "@/lib/auth/auth";
import { changePassword } from "@/lib/auth/change-password";
import { getSessionUser } from "@/lib/auth/current-user";
import { configuredSignInLimits, requestClientAddress } from "@/lib/auth/request-client";
import { changePasswordSchema, confirmTotpEnrolmentSchema, revokeSessionSchema, signOutEverywhereSchema, startTotpEnrolmentSchema } from "@/lib/auth/schema";
import { confirmTotpEnrolment, startTotpEnrolment } from "@/lib/auth/second-factor";
import { revokeOwnSession, signOutEverywhere } from "@/lib/auth/sign-out";
import { serverEnv } from "@/lib/config/env";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";

function secondFactorKeys() {
  const authSecret = serverEnv().AUTH_SECRET;
  // npm start always provides one; without it Auth.js cannot sign anyone in either.
  if (!authSecret) throw new AppError("INTERNAL");
  return { authSecret };
}

export const startTotpEnrolmentAction = defineAction(
  { name: "auth.totp_enrol_start", permission: "account:security", input: startTotpEnrolmentSchema, allowedBeforeSecondFactorEnrolment: true },
  async (_input, context) => startTotpEnrolment(db(), context.user, secondFactorKeys()),
);

export const confirmTotpEnrolmentAction = defineAction(
  { name: "auth.totp_enrol", permission: "account:security", input: confirmTotpEnrolmentSchema, allowedBeforeSecondFactorEnrolment: true },
  // No revalidatePath: re-rendering the page would replace the client view before the recovery codes are read.
  async (input, context) => confirmTotpEnrolment(db(), { ...context.user, requestId: context.requestId }, input, secondFactorKeys()),
);

export const changePasswordAction = defineAction(
  { name: "auth.password_change", permission: "account:security", input: changePasswordSchema, allowedBeforeSecondFactorEnrolment: true },
  async (input, context) => {
    // Resolved by defineAction already (cached per request); read again for the session's key.
    const session = await getSessionUser();
    if (!session) throw new AppError("UNAUTHENTICATED");
    const { sessionId } = await changePassword(db(), { ...session, requestId: context.requestId }, input, {
      clientAddress: requestClientAddress(await headers()),
      limits: configuredSignInLimits(),
    });
    // Every session ended, this one too: the browser gets the fresh one in its cookie.
    await updateSession({ sessionId });
    return { changed: true };
  },
);

export const signOutEverywhereAction = defineAction(
  { name: "auth.sign_out_everywhere", permission: "account:security", input: signOutEverywhereSchema, allowedBeforeSecondFactorEnrolment: true },
  async (_input, context) => {
    const result = await signOutEverywhere(db(), { ...context.user, requestId: context.requestId });
    await signOut({ redirect: false });
    return result;
  },
);

export const revokeSessionAction = defineAction(
  { name: "auth.session_revoke", permission: "account:security", input: revokeSessionSchema, allowedBeforeSecondFactorEnrolment: true },
  async (input, context) => revokeOwnSession(db(), { ...context.user, requestId: context.requestId }, input),
);
