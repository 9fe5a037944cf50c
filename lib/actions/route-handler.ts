import "server-only";
import { randomUUID } from "node:crypto";
import { NextResponse, type NextRequest } from "next/server";
import { getSessionUser, type CurrentUser } from "@/lib/auth/current-user";
import { can, type Permission } from "@/lib/auth/permissions";
import type { AuditAction } from "@/lib/audit/audit-actions";
import { recordRouteRefusal } from "@/lib/audit/record-route-refusal";
import { isCrossOriginWrite } from "@/lib/security/http-security";
import { isPrototypeKey } from "@/lib/security/prototype-keys";
import { isAppError, type ErrorCode } from "@/lib/errors";

// The one error-to-response mapping of every route handler: anything not listed is the caller's fault (400).
const statusFor: Partial<Record<ErrorCode, number>> = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  SECOND_FACTOR_ENROLMENT_REQUIRED: 403,
  AI_OUTPUT_BLINDED: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  AUDIT_CHAIN_BROKEN: 409,
  UPLOAD_TOO_LARGE: 413,
  EVIDENCE_TOO_LARGE: 413,
  MODEL_TOO_LARGE: 413,
  INTERNAL: 500,
  SERVER_BUSY: 503,
};

function routeStatusFor(error: ErrorCode): number {
  return statusFor[error] ?? 400;
}

export function errorResponse(error: ErrorCode, params?: Record<string, string | number>, fieldErrors?: Record<string, string>) {
  return NextResponse.json({ ok: false, error, ...(params ? { params } : {}), ...(fieldErrors ? { fieldErrors } : {}) }, { status: routeStatusFor(error) });
}

type RouteParams = Record<string, string>;
type SignedInContext = { user: CurrentUser; requestId: string; params: RouteParams };
type PublicContext = { requestId: string; params: RouteParams };
type RouteConfig = {
  /** The audit action a refusal is recorded under (Auth.js's public endpoints: "auth.endpoint", never audited), and the name in error logs. */
  name: AuditAction | "auth.endpoint";
  /**
   * Largest body accepted, in bytes, checked against Content-Length before anything is read (a body
   * without a declared length is refused). 0 for routes that take no body.
   */
  maxBodyBytes: number;
  /** The code a too-large body gets (default UPLOAD_TOO_LARGE). */
  tooLargeError?: ErrorCode;
  /**
   * The handler enforces `maxBodyBytes` itself while reading (senders that stream chunked bodies, such
   * as a PACS router): a missing Content-Length is then accepted, a declared one over the limit is not.
   */
  limitEnforcedWhileReading?: boolean;
};
// Catch-all segments arrive as arrays; handlers get them joined with "/", like the URL.
type NextRouteContext = { params: Promise<Record<string, string | string[]> | undefined> };
type NextRoute = (request: NextRequest, context: NextRouteContext) => Promise<Response>;

/**
 * The one wrapper of every route handler (uploads, downloads, exports, Auth.js): refuses a foreign
 * Origin on writes, checks the session and the permission itself (audited refusal), refuses bodies
 * over the declared limit before reading them, and maps errors to catalogue codes and statuses.
 * `permission: "public"` is for Auth.js's own endpoints only.
 */
export function guardedRoute(config: RouteConfig & { permission: Permission }, handler: (request: NextRequest, context: SignedInContext) => Promise<Response>): NextRoute;
export function guardedRoute(config: RouteConfig & { permission: "public" }, handler: (request: NextRequest, context: PublicContext) => Promise<Response>): NextRoute;
export function guardedRoute(
  config: RouteConfig & { permission: Permission | "public" },
  handler: (request: NextRequest, context: SignedInContext) => Promise<Response>,
): NextRoute {
  return async (request, routeContext) => {
    const requestId = randomUUID();
    try {
      if (isCrossOriginWrite(request.method, request.headers, new URL(request.url).pathname)) return errorResponse("FORBIDDEN");
      const bodyRefusal = checkDeclaredBody(request, config);
      let user: CurrentUser | undefined;
      if (config.permission !== "public") {
        const sessionUser = await getSessionUser();
        if (!sessionUser) return errorResponse("UNAUTHENTICATED");
        if (sessionUser.mustEnrolSecondFactor) return errorResponse("SECOND_FACTOR_ENROLMENT_REQUIRED");
        if (!can(sessionUser.role, config.permission)) {
          if (config.name !== "auth.endpoint") await recordRouteRefusal({ actorId: sessionUser.id, actorRole: sessionUser.role, action: config.name, requestId, permission: config.permission });
          return errorResponse("FORBIDDEN");
        }
        user = sessionUser;
      }
      // After the permission check, so a stranger learns nothing about the limits.
      if (bodyRefusal) return bodyRefusal;
      // A route without dynamic segments gets no params object at all.
      const params = Object.fromEntries(Object.entries((await routeContext?.params) ?? {}).map(([key, value]) => [key, Array.isArray(value) ? value.join("/") : value]));
      // The overloads guarantee a public handler never reads `user`.
      return await handler(request, { user: user as CurrentUser, requestId, params });
    } catch (error) {
      if (isAppError(error)) return errorResponse(error.code, error.params);
      // Error messages can carry input values: log only what identifies the failure.
      console.error(`[route ${config.name}] request ${requestId} failed: ${error instanceof Error ? error.name : typeof error}`);
      return errorResponse("INTERNAL");
    }
  };
}

function checkDeclaredBody(request: Request, config: RouteConfig): Response | null {
  if (request.method === "GET" || request.method === "HEAD") {
    // A GET carries no body; one that declares a length is refused rather than read.
    const declared = request.headers.get("content-length");
    return declared !== null && declared !== "0" && config.maxBodyBytes === 0 ? errorResponse("INVALID_INPUT") : null;
  }
  const declared = request.headers.get("content-length");
  if (declared === null && config.limitEnforcedWhileReading) return null;
  const length = Number(declared ?? "NaN");
  // Without a declared length the body could be anything: refuse rather than buffer it.
  if (!Number.isFinite(length) || length > config.maxBodyBytes) {
    return errorResponse(config.tooLargeError ?? "UPLOAD_TOO_LARGE", { maxMb: Math.max(1, Math.floor(config.maxBodyBytes / 1024 / 1024)) });
  }
  return null;
}

/** Splits a multipart form into its text fields and its files (as bytes); null when malformed. */
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

/** A streamed download: errors after the headers are sent can only end the stream, so they are logged here. */
export function streamedResponse(name: string, requestId: string, chunks: () => AsyncIterable<string>, headers: HeadersInit): Response {
  const encoder = new TextEncoder();
  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      try {
        for await (const chunk of chunks()) controller.enqueue(encoder.encode(chunk));
        controller.close();
      } catch (error) {
        console.error(`[route ${name}] request ${requestId} failed: ${error instanceof Error ? error.name : typeof error}`);
        controller.error(error);
      }
    },
  });
  return new Response(stream, { headers });
}
