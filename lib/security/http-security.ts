// Security headers and the cross-origin write check, shared by proxy.ts and next.config.js's static
// headers. Pure functions (no Node APIs) because the proxy may run on the edge runtime.

/**
 * `next start` serves plain HTTP, so TLS is always a proxy in front: trusted only when TRUST_PROXY_TLS=1
 * says one is there. (Next derives the URL's protocol from X-Forwarded-Proto, which any client can send.)
 */
export function isTlsRequest(headers: Headers): boolean {
  return process.env.TRUST_PROXY_TLS === "1" && headers.get("x-forwarded-proto")?.split(",")[0]?.trim() === "https";
}

/**
 * Scripts only with this request's nonce ('strict-dynamic' lets Next's own chunks load). Styles keep
 * 'unsafe-inline' because React style attributes (viewer transforms, bars) cannot carry a nonce; a
 * style cannot run code. blob:/data: images for the viewer's canvas exports; fetches stay same-origin.
 */
export function contentSecurityPolicy(nonce: string, options: { tls: boolean; development: boolean }): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${options.development ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' blob: data:",
    "font-src 'self'",
    "connect-src 'self'",
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(options.tls ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
}

export function securityHeaders(options: { tls: boolean }): [string, string][] {
  return [
    ["x-content-type-options", "nosniff"],
    ["referrer-policy", "strict-origin-when-cross-origin"],
    ["x-frame-options", "DENY"],
    ["permissions-policy", "camera=(), microphone=(), geolocation=(), payment=()"],
    ["cross-origin-opener-policy", "same-origin"],
    // HSTS only over TLS: sent over plain HTTP it would be ignored, or lock a test host out of HTTP.
    ...(options.tls ? ([["strict-transport-security", "max-age=63072000; includeSubDomains"]] as [string, string][]) : []),
  ];
}

// OIDC providers may POST their callback from the identity provider's origin (response_mode=form_post).
const foreignOriginAllowed = ["/api/auth/callback/"];

/**
 * A state-changing request whose Origin is not this host's. Browsers always send Origin on a
 * cross-origin POST, so a request without one is not a browser CSRF; it still needs a session.
 */
export function isCrossOriginWrite(method: string, headers: Headers, pathname: string): boolean {
  if (method === "GET" || method === "HEAD" || method === "OPTIONS") return false;
  const origin = headers.get("origin");
  if (!origin) return false;
  if (foreignOriginAllowed.some((prefix) => pathname.startsWith(prefix))) return false;
  let originHost: string;
  try {
    originHost = new URL(origin).host;
  } catch {
    return true;
  }
  const host = (process.env.TRUST_PROXY_TLS === "1" ? headers.get("x-forwarded-host") : null) ?? headers.get("host");
  return originHost !== host;
}
