"use server";

import { defineAction } from "@/lib/actions/define-action";
import { confirmTotpEnrolmentSchema, startTotpEnrolmentSchema } from "@/lib/auth/schema";
import { confirmTotpEnrolment, startTotpEnrolment } from "@/lib/auth/second-factor";
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
