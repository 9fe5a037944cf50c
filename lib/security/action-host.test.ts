import { describe, expect, it } from "vitest";
import { actionHostsFrom, actionPostedElsewhere, workerPathPattern } from "./action-host";

const hosts = actionHostsFrom({
  node: {
    a1: { workers: { "app/(portal)/cases/[caseId]/page": {} } },
    a2: { workers: { "app/(portal)/page": {}, "app/sign-in/page": {}, "app/(portal)/governance/[pocId]/page": {} } },
  },
});
const post = (url: string, actionId: string) => new Request(`http://127.0.0.1${url}`, { method: "POST", headers: { "next-action": actionId } });

describe("server actions and the pages that hold them", () => {
  it("turns page workers into URL patterns (route groups dropped, dynamic segments one segment)", () => {
    expect(workerPathPattern("app/(portal)/cases/[caseId]/page").test("/cases/c1")).toBe(true);
    expect(workerPathPattern("app/(portal)/cases/[caseId]/page").test("/cases/c1/more")).toBe(false);
    expect(workerPathPattern("app/(portal)/page").test("/")).toBe(true);
    expect(workerPathPattern("app/(portal)/page").test("/cases")).toBe(false);
    expect(workerPathPattern("app/docs/[...slug]/page").test("/docs/a/b")).toBe(true);
  });

  it("flags an action posted to a page that does not hold it, and nothing else", () => {
    expect(actionPostedElsewhere(post("/governance", "a1"), hosts)).toBe(true);
    expect(actionPostedElsewhere(post("/cases/c1", "a1"), hosts)).toBe(false);
    expect(actionPostedElsewhere(post("/governance/p1", "a2"), hosts)).toBe(false);
    expect(actionPostedElsewhere(post("/sign-in", "a2"), hosts)).toBe(false);
    // Unknown ids and requests that are not actions are Next's to answer.
    expect(actionPostedElsewhere(post("/governance", "unknown"), hosts)).toBe(false);
    expect(actionPostedElsewhere(new Request("http://127.0.0.1/governance", { method: "POST" }), hosts)).toBe(false);
    expect(actionPostedElsewhere(post("/governance", "a1"), null)).toBe(false);
  });
});
