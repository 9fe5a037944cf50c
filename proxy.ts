import { NextResponse, type NextRequest } from "next/server";
import { actionBodyHasPrototypeKey } from "@/lib/security/action-body-has-prototype-key";
import { actionBodyProblem } from "@/lib/security/action-body-problem";
import { contentSecurityPolicy, isCrossOriginWrite, isTlsRequest, securityHeaders } from "@/lib/security/http-security";

// A convenience redirect for visitors without a session cookie, plus the per-request CSP nonce and
// security headers. It is never the gate: every page, action and route handler checks the user and
// permission itself (lib/auth).
const publicPaths = ["/sign-in", "/api/auth"];

export async function proxy(request: NextRequest) {
  const { pathname } = request.nextUrl;
  const tls = isTlsRequest(request.headers);
  const nonce = btoa(crypto.randomUUID());
  const csp = contentSecurityPolicy(nonce, { tls, development: process.env.NODE_ENV === "development" });

  let response: NextResponse;
  let actionBody: Awaited<ReturnType<typeof actionBodyProblem>>;
  if (isCrossOriginWrite(request.method, request.headers, pathname)) {
    // Route handlers have no origin check of their own (server actions do): refuse a foreign Origin here.
    response = NextResponse.json({ ok: false, error: "FORBIDDEN" }, { status: 403 });
  } else if ((actionBody = await actionBodyProblem(request))) {
    // Next's reply decoder throws on these (HTTP 500, or a page after logging a 413): a clear 4xx instead.
    response = NextResponse.json({ ok: false, error: actionBody === "too-large" ? "UPLOAD_TOO_LARGE" : "INVALID_INPUT" }, { status: actionBody === "too-large" ? 413 : 400 });
  } else if (await actionBodyHasPrototypeKey(request)) {
    // React drops __proto__ from action arguments before any action sees them: refused here instead.
    response = NextResponse.json({ ok: false, error: "INVALID_INPUT" }, { status: 400 });
  } else if (!publicPaths.some((path) => pathname === path || pathname.startsWith(`${path}/`)) && request.method === "GET" && !hasSessionCookie(request)) {
    response = NextResponse.redirect(new URL("/sign-in", request.url));
  } else {
    // Next.js reads the nonce from the request's CSP header and puts it on its own scripts.
    const requestHeaders = new Headers(request.headers);
    requestHeaders.set("content-security-policy", csp);
    requestHeaders.set("x-nonce", nonce);
    response = NextResponse.next({ request: { headers: requestHeaders } });
  }
  response.headers.set("content-security-policy", csp);
  for (const [name, value] of securityHeaders({ tls })) response.headers.set(name, value);
  return response;
}

function hasSessionCookie(request: NextRequest) {
  return request.cookies.getAll().some((cookie) => cookie.name.endsWith("authjs.session-token"));
}

// Upload routes are left out: the proxy buffers request bodies (10 MB by default) and truncated larger
// uploads; those handlers check the session, the Origin and the size themselves (lib/actions/route-handler.ts).
export const config = { matcher: ["/((?!_next/static|_next/image|favicon.ico|api/cases$|api/evidence$|api/models$).*)"] };
