import { describe, expect, it } from "vitest";
import { summariseAuditDetails } from "./summarise-details";

describe("summariseAuditDetails", () => {
  it("lists the top-level pairs, cutting long values and counting the rest", () => {
    const summary = summariseAuditDetails({ from: "DRAFT", to: "APPROVED", reason: "x".repeat(50), count: 3, nested: { a: 1 } }, { maxPairs: 4, maxValueChars: 10 });
    expect(summary).toEqual({ text: "from: DRAFT · to: APPROVED · reason: xxxxxxxxx… · count: 3", more: 1 });
  });

  it("says nothing for empty details and keeps arrays short", () => {
    expect(summariseAuditDetails(null)).toEqual({ text: "", more: 0 });
    expect(summariseAuditDetails([1, 2, 3]).text).toBe("[1,2,3]");
  });
});
