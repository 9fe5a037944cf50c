import { describe, expect, it } from "vitest";
import { actionBodyProblem, maxActionBodyBytes } from "./action-body-problem";

const post = (body: BodyInit, headers: Record<string, string>) => new Request("http://127.0.0.1/cases", { method: "POST", headers, body });
const text = { "next-action": "7f00aa", "content-type": "text/plain;charset=UTF-8" };

describe("actionBodyProblem", () => {
  it("calls action bodies that are neither JSON arguments nor a parseable form malformed", async () => {
    for (const body of ["not json", "[{", ""]) expect(await actionBodyProblem(post(body, text)), JSON.stringify(body)).toBe("malformed");
    expect(await actionBodyProblem(post("garbage", { "next-action": "7f00aa", "content-type": "multipart/form-data; boundary=----x" }))).toBe("malformed");
  });

  it("refuses a body declared larger than actions accept before reading it", async () => {
    expect(await actionBodyProblem(post("[]", { ...text, "content-length": String(maxActionBodyBytes + 1) }))).toBe("too-large");
  });

  it("lets React's own bodies and requests that are not actions through, and leaves the body readable", async () => {
    const json = post('[{"caseId":"c1"}]', text);
    expect(await actionBodyProblem(json)).toBeNull();
    expect(await json.text()).toContain("caseId");
    const form = new FormData();
    form.set("1", '{"a":1}');
    expect(await actionBodyProblem(new Request("http://127.0.0.1/cases", { method: "POST", headers: { "next-action": "7f00aa" }, body: form }))).toBeNull();
    expect(await actionBodyProblem(post("not json", { "content-type": "text/plain" }))).toBeNull();
  });
});
