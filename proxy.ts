import { NextResponse, type NextRequest } from "next/server";

// Only a convenience redirect for visitors without a session cookie. It is never the gate: every
// page, action and route handler checks the user and permission itself (lib/auth).
const publicPaths = ["/sign-in", "/api/auth"];

export function proxy(request: NextRequest) {
  const { pathname } = request.nextUrl;
  if (publicPaths.some((path) => pathname === path || pathname.startsWith(`${path}/`))) return NextResponse.next();
  const hasSession = request.cookies.getAll().some((cookie) => cookie.name.endsWith("authjs.session-token"));
  if (!hasSession && request.method === "GET") return NextResponse.redirect(new URL("/sign-in", request.url));
  return NextResponse.next();
}

export const config = { matcher: ["/((?!_next/static|_next/image|favicon.ico).*)"] };
