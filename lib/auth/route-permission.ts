import "server-only";
import { randomUUID } from "node:crypto";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { getSessionUser, type CurrentUser } from "@/lib/auth/current-user";
import { can, type Permission } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import type { ErrorCode } from "@/lib/errors";

type RouteFailureBody = { ok: false; error: ErrorCode; params?: Record<string, string | number> };

export function routeFailure(status: number, error: ErrorCode, params?: Record<string, string | number>): Response {
  return Response.json({ ok: false, error, ...(params ? { params } : {}) } satisfies RouteFailureBody, { status });
}

/**
 * For route handlers (uploads, downloads, exports), which the proxy never gates: the signed-in user
 * when the permission map allows them, otherwise the response to return. Refusals are audited.
 */
export async function requireRoutePermission(permission: Permission, action: string): Promise<{ user: CurrentUser; requestId: string } | { response: Response }> {
  const requestId = randomUUID();
  const user = await getSessionUser();
  if (!user) return { response: routeFailure(401, "UNAUTHENTICATED") };
  if (user.mustEnrolSecondFactor) return { response: routeFailure(403, "SECOND_FACTOR_ENROLMENT_REQUIRED") };
  if (!can(user.role, permission)) {
    await db().$transaction((tx) => recordAuditEvent(tx, { actorId: user.id, actorRole: user.role, action, outcome: "DENIED", requestId, details: { permission } }));
    return { response: routeFailure(403, "FORBIDDEN") };
  }
  return { user, requestId };
}
