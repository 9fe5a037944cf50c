"use server";

import { defineAction } from "@/lib/actions/define-action";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { checkChainHead } from "@/lib/audit/chain-head";
import { checkChainHeadSchema, savedChainHeadSchema } from "@/lib/audit/schema";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";

/** Checks a chain head saved earlier (the JSON file's text) against the chain as it is now. */
export const checkChainHeadAction = defineAction({ name: "audit.check_head", permission: "audit:view", input: checkChainHeadSchema }, async (input, context) => {
  let saved;
  try {
    saved = savedChainHeadSchema.parse(JSON.parse(input.headJson));
  } catch {
    throw new AppError("INVALID_INPUT");
  }
  const check = await checkChainHead(db(), saved);
  await db().$transaction((tx) =>
    recordAuditEvent(tx, {
      actorId: context.user.id,
      actorRole: context.user.role,
      requestId: context.requestId,
      action: "audit.check_head",
      details: { seq: saved.seq, result: check.result, firstBreakSeq: check.verification.firstBreak?.seq ?? null },
    }),
  );
  return { seq: saved.seq, result: check.result, rowsChecked: check.verification.rowsChecked, firstBreak: check.verification.firstBreak };
});
