import "server-only";
import { NextResponse } from "next/server";
import type { CurrentUser } from "@/lib/auth/current-user";
import type { Permission } from "@/lib/auth/permissions";
import { requireRoutePermission } from "@/lib/auth/route-permission";
import { isCrossOriginWrite } from "@/lib/security/http-security";
import { isPrototypeKey } from "@/lib/security/prototype-keys";
import { isAppError, type ErrorCode } from "@/lib/errors";

const statusFor: Partial<Record<ErrorCode, number>> = { UNAUTHENTICATED: 401, FORBIDDEN: 403, SECOND_FACTOR_ENROLMENT_REQUIRED: 403, NOT_FOUND: 404, UPLOAD_TOO_LARGE: 413, SERVER_BUSY: 503, CONFLICT: 409, INTERNAL: 500 };

export function errorResponse(error: ErrorCode, params?: Record<string, string | number>, fieldErrors?: Record<string, string>) {
  return NextResponse.json({ ok: false, error, params, fieldErrors }, { status: statusFor[error] ?? 400 });
}

/**
 * The route-handler twin of defineAction: checks the session and permission itself (through
 * requireRoutePermission, like the download routes), refuses bodies
 * over `maxBodyBytes` before reading them, and turns errors into catalogue codes.
 */
export function guardedRoute(
  config: { name: string; permission: Permission; maxBodyBytes?: number },
  handler: (request: Request, context: { user: CurrentUser; requestId: string; params: Record<string, string> }) => Promise<Response>,
) {
  return async (request: Request, routeContext: { params: Promise<Record<string, string>> }): Promise<Response> => {
    if (isCrossOriginWrite(request.method, request.headers, new URL(request.url).pathname)) return errorResponse("FORBIDDEN");
    const access = await requireRoutePermission(config.permission, config.name);
    if ("response" in access) return access.response;
    const { user, requestId } = access;
    if (config.maxBodyBytes !== undefined) {
      const length = Number(request.headers.get("content-length") ?? "NaN");
      // Without a declared length the body could be anything: refuse rather than buffer it.
      if (!Number.isFinite(length) || length > config.maxBodyBytes) return errorResponse("UPLOAD_TOO_LARGE", { maxMb: Math.floor(config.maxBodyBytes / 1024 / 1024) });
    }
    try {
      return await handler(request, { user, requestId, params: await routeContext.params });
    } catch (error) {
      if (isAppError(error)) return errorResponse(error.code, error.params);
      console.error(`[route ${config.name}] request ${requestId} failed: ${error instanceof Error ? error.name : typeof error}`);
      return errorResponse("INTERNAL");
    }
  };
}

/** Splits a multipart form into its text fields and its files (as bytes). */
export async function readMultipart(request: Request, fileField: string) {
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    return null;
  }
  const fields: Record<string, string> = {};
  const files: Uint8Array[] = [];
  for (const [key, value] of form.entries()) {
    // A field named __proto__ would vanish into the object's prototype: refuse the form as malformed.
    if (isPrototypeKey(key)) return null;
    if (typeof value === "string") fields[key] = value;
    else if (key === fileField) files.push(new Uint8Array(await value.arrayBuffer()));
  }
  return { fields, files };
}
