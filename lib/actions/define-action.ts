import "server-only";
import { randomUUID } from "node:crypto";
import type { z } from "zod";
import { parseActionInput } from "@/lib/actions/parse-action-input";
import type { AuditAction } from "@/lib/audit/audit-actions";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { getSessionUser, type CurrentUser } from "@/lib/auth/current-user";
import { can, type Permission } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { isAppError, type ErrorCode } from "@/lib/errors";

export type ActionFailure = {
  ok: false;
  error: ErrorCode;
  params?: Record<string, string | number>;
  /** Field name → zod issue code, translated on the client from the "validation" catalogue. */
  fieldErrors?: Record<string, string>;
};
export type ActionResult<T> = { ok: true; data: T } | ActionFailure;
export type ActionContext = { user: CurrentUser; requestId: string };

/**
 * Every server action goes through here: it checks the caller's permission itself (the proxy is
 * never the only gate), parses the input with the action's zod schema, and turns errors into
 * catalogue codes. Refusals are audited.
 */
export function defineAction<Schema extends z.ZodType, Result>(
  config: {
    /** The action's audit name (its refusals are recorded under it), from the one catalogue. */
    name: AuditAction;
    permission: Permission;
    input: Schema;
    /** Only for the TOTP enrolment actions: callable by a user whose role requires TOTP and who has none yet. */
    allowedBeforeSecondFactorEnrolment?: boolean;
  },
  handler: (input: z.output<Schema>, context: ActionContext) => Promise<Result>,
): (input: z.input<Schema>) => Promise<ActionResult<Result>> {
  return async (rawInput) => {
    const requestId = randomUUID();
    const user = await getSessionUser();
    if (!user) return { ok: false, error: "UNAUTHENTICATED" };
    if (user.mustEnrolSecondFactor && !config.allowedBeforeSecondFactorEnrolment) return { ok: false, error: "SECOND_FACTOR_ENROLMENT_REQUIRED" };
    if (!can(user.role, config.permission)) {
      await db().$transaction((tx) =>
        recordAuditEvent(tx, { actorId: user.id, actorRole: user.role, action: config.name, outcome: "DENIED", requestId, details: { permission: config.permission } }),
      );
      return { ok: false, error: "FORBIDDEN" };
    }
    const parsed = parseActionInput(config.input, rawInput);
    if (!parsed.success) return { ok: false, error: "INVALID_INPUT", fieldErrors: parsed.fieldErrors };
    try {
      return { ok: true, data: await handler(parsed.data, { user, requestId }) };
    } catch (error) {
      if (isAppError(error)) return { ok: false, error: error.code, params: error.params };
      // Error messages can carry input values; log only what identifies the failure, not the data.
      console.error(`[action ${config.name}] request ${requestId} failed: ${error instanceof Error ? error.name : typeof error}`);
      return { ok: false, error: "INTERNAL" };
    }
  };
}
