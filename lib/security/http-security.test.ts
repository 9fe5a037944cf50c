import { afterEach, describe, expect, it, vi } from "vitest";
import { contentSecurityPolicy, isCrossOriginWrite, isTlsRequest, securityHeaders } from "@/lib/security/http-security";

describe("http security", () => {
  afterEach(() => vi.unstubAllEnvs());

  it("trusts X-Forwarded-Proto only behind a declared TLS proxy", () => {
    const headers = new Headers({ "x-forwarded-proto": "https" });
    expect(isTlsRequest(headers)).toBe(false);
    vi.stubEnv("TRUST_PROXY_TLS", "1");
    expect(isTlsRequest(headers)).toBe(true);
    expect(securityHeaders({ tls: true }).map(([name]) => name)).toContain("strict-transport-security");
    expect(securityHeaders({ tls: false }).map(([name]) => name)).not.toContain("strict-transport-security");
  });

  it("allows scripts only with the nonce and forbids framing", () => {
    const csp = contentSecurityPolicy("abc", { tls: false, development: false });
    expect(csp).toContain("script-src 'self' 'nonce-abc' 'strict-dynamic'");
    expect(csp).not.toContain("unsafe-eval");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain("upgrade-insecure-requests");
  });

  it("refuses writes from a foreign or opaque Origin, not reads or requests without one", () => {
    const from = (origin?: string) => new Headers({ host: "portal.example:3000", ...(origin ? { origin } : {}) });
    expect(isCrossOriginWrite("POST", from("http://portal.example:3000"), "/api/cases")).toBe(false);
    expect(isCrossOriginWrite("POST", from("https://evil.example"), "/api/cases")).toBe(true);
    expect(isCrossOriginWrite("POST", from("null"), "/")).toBe(true);
    expect(isCrossOriginWrite("GET", from("https://evil.example"), "/")).toBe(false);
    expect(isCrossOriginWrite("POST", from(), "/")).toBe(false);
    expect(isCrossOriginWrite("POST", from("https://idp.example"), "/api/auth/callback/oidc")).toBe(false);
  });
});
