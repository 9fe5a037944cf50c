import { NextRequest } from "next/server";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { SessionUser } from "@/lib/auth/current-user";
import { AppError } from "@/lib/errors";

// The session and the audit writer are the wrapper's only collaborators: replaced here, so the
// tests exercise guardedRoute's own rules (it is used for real by every route in the e2e suites).
const session = vi.hoisted(() => ({ user: null as SessionUser | null, refusals: [] as unknown[] }));
vi.mock("@/lib/auth/current-user", () => ({ getSessionUser: async () => session.user }));
vi.mock("@/lib/audit/record-route-refusal", () => ({ recordRouteRefusal: async (refusal: unknown) => void session.refusals.push(refusal) }));

const { guardedRoute } = await import("./route-handler");

const clinician: SessionUser = { id: "u1", email: "c@example.test", name: "C", role: "CLINICIAN", locale: "en", siteIds: ["s1"], totpEnabled: false, mustEnrolSecondFactor: false, sessionKey: "k" };
const request = (method: string, headers: Record<string, string> = {}, body?: string) => new NextRequest("http://127.0.0.1/api/x", { method, headers: { host: "127.0.0.1", ...headers }, body });
const noParams = undefined as unknown as { params: Promise<Record<string, string | string[]> | undefined> };
const withParams = (params: Record<string, string | string[]>) => ({ params: Promise.resolve(params) });

beforeEach(() => {
  session.user = clinician;
  session.refusals = [];
});

describe("guardedRoute", () => {
  const echo = guardedRoute({ name: "case.image_view", permission: "case:view", maxBodyBytes: 0 }, async (_request, { user, params }) => Response.json({ user: user.id, params }));

  it("answers a route without dynamic segments (Next passes no params)", async () => {
    const response = await echo(request("GET"), noParams);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ user: "u1", params: {} });
  });

  it("joins catch-all segments as the URL does", async () => {
    expect(await (await echo(request("GET"), withParams({ caseId: "c1", rest: ["a", "b"] }))).json()).toEqual({ user: "u1", params: { caseId: "c1", rest: "a/b" } });
  });

  it("refuses anonymous callers (401), and other roles (403, audited under the route's action)", async () => {
    session.user = null;
    expect((await echo(request("GET"), noParams)).status).toBe(401);
    expect(session.refusals).toEqual([]);
    session.user = { ...clinician, role: "ADMIN" };
    const refused = await echo(request("GET"), noParams);
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ ok: false, error: "FORBIDDEN" });
    expect(session.refusals).toMatchObject([{ actorId: "u1", action: "case.image_view", permission: "case:view" }]);
  });

  it("refuses a foreign Origin on writes before anything else", async () => {
    const upload = guardedRoute({ name: "case.submit", permission: "case:submit", maxBodyBytes: 1024 }, async () => Response.json({ ok: true }));
    expect((await upload(request("POST", { origin: "https://evil.example", "content-length": "2" }, "{}"), noParams)).status).toBe(403);
  });

  it("refuses bodies over the declared limit, or of no declared length, before reading them", async () => {
    const read = vi.fn(async () => Response.json({ ok: true }));
    const upload = guardedRoute({ name: "checklist.add_evidence", permission: "case:view", maxBodyBytes: 10, tooLargeError: "EVIDENCE_TOO_LARGE" }, read);
    const tooLarge = await upload(request("POST", { "content-length": "11" }, "x".repeat(11)), noParams);
    expect(tooLarge.status).toBe(413);
    expect(await tooLarge.json()).toMatchObject({ error: "EVIDENCE_TOO_LARGE" });
    expect((await upload(request("POST", {}, "x"), noParams)).status).toBe(413);
    expect(read).not.toHaveBeenCalled();
    expect((await upload(request("POST", { "content-length": "10" }, "x".repeat(10)), noParams)).status).toBe(200);
  });

  it("maps errors to one status each and never shows an unexpected error", async () => {
    const failing = (error: unknown) => guardedRoute({ name: "case.overlay_view", permission: "case:view", maxBodyBytes: 0 }, async () => Promise.reject(error));
    const cases: [unknown, number, string][] = [
      [new AppError("NOT_FOUND"), 404, "NOT_FOUND"],
      [new AppError("AI_OUTPUT_BLINDED"), 403, "AI_OUTPUT_BLINDED"],
      [new AppError("AUDIT_CHAIN_BROKEN", { seq: 3 }), 409, "AUDIT_CHAIN_BROKEN"],
      [new AppError("LAB_OUT_OF_RANGE"), 400, "LAB_OUT_OF_RANGE"],
      [new TypeError("secret detail"), 500, "INTERNAL"],
    ];
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    for (const [error, status, code] of cases) {
      const response = await failing(error)(request("GET"), noParams);
      expect(response.status, code).toBe(status);
      const body = await response.text();
      expect(JSON.parse(body), code).toMatchObject({ ok: false, error: code });
      expect(body).not.toContain("secret detail");
    }
    expect(logged.mock.calls.flat().join(" ")).not.toContain("secret detail");
    logged.mockRestore();
  });

  it("serves Auth.js's public endpoints without a session", async () => {
    session.user = null;
    const publicRoute = guardedRoute({ name: "auth.endpoint", permission: "public", maxBodyBytes: 0 }, async () => Response.json({ ok: true }));
    expect((await publicRoute(request("GET"), noParams)).status).toBe(200);
  });
});
