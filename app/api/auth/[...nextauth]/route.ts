import { guardedRoute } from "@/lib/actions/route-handler";
import { handlers } from "@/lib/auth/auth";

// Auth.js's own endpoints (sign-in callback, CSRF token, session, sign-out): public by nature, but
// through the same wrapper for the Origin check, the body limit and the error mapping.
const authBodyBytes = 64 * 1024;

export const GET = guardedRoute({ name: "auth.endpoint", permission: "public", maxBodyBytes: 0 }, (request) => handlers.GET(request));
export const POST = guardedRoute({ name: "auth.endpoint", permission: "public", maxBodyBytes: authBodyBytes }, (request) => handlers.POST(request));
