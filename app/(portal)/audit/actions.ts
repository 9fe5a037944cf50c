"use server";

import { defineAction } from "@/lib/actions/define-action";
import { checkSavedChainHead } from "@/lib/audit/check-saved-head";
import { checkChainHeadSchema } from "@/lib/audit/schema";
import { db } from "@/lib/db/client";

/** Checks a chain head saved earlier (the JSON file's text) against the chain as it is now. */
export const checkChainHeadAction = defineAction({ name: "audit.check_head", permission: "audit:view", input: checkChainHeadSchema }, async (input, { user, requestId }) =>
  checkSavedChainHead(db(), { ...user, requestId }, input.headJson),
);
