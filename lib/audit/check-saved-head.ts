import "server-only";
import { checkChainHead } from "@/lib/audit/chain-head";
import { actorFields, recordAuditEvent } from "@/lib/audit/record-audit-event";
import { savedChainHeadSchema, type SavedChainHead } from "@/lib/audit/schema";
import type { Actor } from "@/lib/auth/site-scope";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";

/** Checks a chain head saved earlier (the JSON file's text) against the chain as it is now, within the viewer's sites; audited. */
export async function checkSavedChainHead(db: Db, viewer: Actor, headJson: string) {
  let saved: SavedChainHead;
  try {
    saved = savedChainHeadSchema.parse(JSON.parse(headJson));
  } catch {
    throw new AppError("INVALID_INPUT");
  }
  const check = await checkChainHead(db, viewer, saved);
  await db.$transaction((tx) =>
    recordAuditEvent(tx, { ...actorFields(viewer), action: "audit.check_head", details: { seq: saved.seq, result: check.result, firstBreakSeq: check.verification.firstBreak?.seq ?? null } }),
  );
  return { seq: saved.seq, result: check.result, rowsChecked: check.verification.rowsChecked, firstBreak: check.verification.firstBreak };
}
