import { describe, expect, it } from "vitest";
import { isChecklistItemOverdue, isChecklistItemSatisfied, tallyChecklist } from "./checklist-progress";

const now = new Date("2026-06-01T00:00:00Z");
const item = (overrides: Partial<Parameters<typeof tallyChecklist>[0] extends Iterable<infer T> ? T : never> = {}) => ({
  phase: "PRE_START" as const,
  status: "OPEN" as const,
  naReason: null,
  dueDate: null,
  frameworks: ["APPI"],
  ...overrides,
});

describe("checklist progress", () => {
  it("counts approved, and not applicable only with a reason, as done", () => {
    expect(isChecklistItemSatisfied({ status: "APPROVED", naReason: null })).toBe(true);
    expect(isChecklistItemSatisfied({ status: "NOT_APPLICABLE", naReason: "no images in this PoC" })).toBe(true);
    expect(isChecklistItemSatisfied({ status: "NOT_APPLICABLE", naReason: "  " })).toBe(false);
    expect(isChecklistItemSatisfied({ status: "IN_REVIEW", naReason: null })).toBe(false);
  });

  it("marks open items past their due date as overdue, never done ones", () => {
    expect(isChecklistItemOverdue({ status: "OPEN", naReason: null, dueDate: new Date("2026-05-31T00:00:00Z") }, now)).toBe(true);
    expect(isChecklistItemOverdue({ status: "APPROVED", naReason: null, dueDate: new Date("2026-05-31T00:00:00Z") }, now)).toBe(false);
    expect(isChecklistItemOverdue({ status: "OPEN", naReason: null, dueDate: new Date("2026-06-02T00:00:00Z") }, now)).toBe(false);
  });

  it("tallies per phase and per framework", () => {
    const progress = tallyChecklist(
      [
        item({ status: "APPROVED", frameworks: ["APPI", "GDPR"] }),
        item({ frameworks: ["APPI"], dueDate: new Date("2026-01-01T00:00:00Z") }),
        item({ phase: "PRE_DECISION", status: "NOT_APPLICABLE", naReason: "single site", frameworks: ["CLAIM"] }),
      ],
      now,
    );
    expect(progress.all).toEqual({ total: 3, done: 2 });
    expect(progress.byPhase.PRE_START).toEqual({ total: 2, done: 1 });
    expect(progress.byPhase.PRE_DECISION).toEqual({ total: 1, done: 1 });
    expect(progress.byFramework).toEqual({ APPI: { total: 2, done: 1 }, GDPR: { total: 1, done: 1 }, CLAIM: { total: 1, done: 1 } });
    expect(progress.overdue).toBe(1);
  });
});
