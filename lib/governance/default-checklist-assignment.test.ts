import { describe, expect, it } from "vitest";
import { defaultChecklistDueDate } from "./default-checklist-assignment";

describe("defaultChecklistDueDate", () => {
  it("is a calendar day at midnight UTC, later for later phases", () => {
    const createdAt = new Date("2026-12-01T22:30:00Z");
    expect(defaultChecklistDueDate("PRE_START", createdAt).toISOString()).toBe("2026-12-15T00:00:00.000Z");
    expect(defaultChecklistDueDate("PRE_DECISION", createdAt).toISOString()).toBe("2027-03-01T00:00:00.000Z");
    expect(defaultChecklistDueDate("ONGOING", createdAt).getTime()).toBeGreaterThan(defaultChecklistDueDate("PRE_DECISION", createdAt).getTime());
  });
});
