import { describe, expect, it } from "vitest";
import { actionBodyHasPrototypeKey } from "./action-body-has-prototype-key";

const actionHeaders = { "next-action": "7f00aa", "content-type": "text/plain;charset=UTF-8" };
const post = (body: BodyInit, headers: Record<string, string> = actionHeaders) => new Request("http://127.0.0.1/dashboard/p1", { method: "POST", headers, body });

describe("actionBodyHasPrototypeKey", () => {
  it("finds __proto__, constructor or prototype keys at any depth of a server action's JSON arguments", async () => {
    expect(await actionBodyHasPrototypeKey(post('[{"scenarioId":"s1","__proto__":{"polluted":true}}]'))).toBe(true);
    expect(await actionBodyHasPrototypeKey(post('[{"scenarioId":"s1","inputs":{"annualCaseVolume":1,"__proto__":{}}}]'))).toBe(true);
    expect(await actionBodyHasPrototypeKey(post('[{"inputs":{"adoptionRamp":[{"constructor":1}]}}]'))).toBe(true);
  });

  it("reads React's numbered reply rows and every field name of a multipart body, but not a form's own text", async () => {
    const rows = new FormData();
    rows.set("0", '["$K1"]');
    rows.set("1", '{"prototype":{}}');
    expect(await actionBodyHasPrototypeKey(post(rows, { "next-action": "7f00aa" }))).toBe(true);
    const named = new FormData();
    named.set("__proto__", "x");
    expect(await actionBodyHasPrototypeKey(post(named, { "next-action": "7f00aa" }))).toBe(true);
    const text = new FormData();
    text.set("body", '{"constructor":"typed by a user"}');
    expect(await actionBodyHasPrototypeKey(post(text, { "next-action": "7f00aa" }))).toBe(false);
  });

  it("lets clean arguments, non-JSON bodies and requests that are not actions through, and leaves the body readable", async () => {
    const clean = post('[{"scenarioId":"s1","note":"__proto__ is only text here"}]');
    expect(await actionBodyHasPrototypeKey(clean)).toBe(false);
    expect(await clean.text()).toContain("scenarioId");
    expect(await actionBodyHasPrototypeKey(post("not json {"))).toBe(false);
    expect(await actionBodyHasPrototypeKey(post('[{"__proto__":{}}]', { "content-type": "application/json" }))).toBe(false);
    expect(await actionBodyHasPrototypeKey(new Request("http://127.0.0.1/", { headers: actionHeaders }))).toBe(false);
  });
});
