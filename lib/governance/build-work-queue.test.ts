import { describe, expect, it } from "vitest";
import { blockingPhaseFor, buildWorkQueue, parseWorkQueueFilter } from "./build-work-queue";

const now = new Date("2026-12-01T03:00:00Z");
const day = 24 * 3600 * 1000;

function item(overrides: Partial<Parameters<typeof buildWorkQueue>[0][number]> & { id: string }) {
  return { phase: "PRE_START" as const, status: "OPEN" as const, naReason: null, dueDate: null, ownerId: null, sortOrder: 0, ...overrides };
}

describe("buildWorkQueue", () => {
  const items = [
    item({ id: "done", status: "APPROVED", sortOrder: 0 }),
    item({ id: "later", phase: "PRE_DECISION", dueDate: new Date(now.getTime() + 60 * day), sortOrder: 1 }),
    item({ id: "overdue", phase: "ONGOING", dueDate: new Date(now.getTime() - 3 * day), ownerId: "me", sortOrder: 2 }),
    item({ id: "blocking", dueDate: new Date(now.getTime() + 5 * day), sortOrder: 3 }),
    item({ id: "na-without-reason", status: "NOT_APPLICABLE", naReason: " ", sortOrder: 4 }),
  ];

  it("puts blocking items first, then overdue, then other open ones, then finished ones", () => {
    const queue = buildWorkQueue(items, { pocStatus: "DRAFT", userId: "me", now, filter: "all" });
    expect(queue.entries.map((entry) => entry.item.id)).toEqual(["blocking", "na-without-reason", "overdue", "later", "done"]);
  });

  it("counts open, blocking, overdue, due-soon and mine whatever the filter", () => {
    const queue = buildWorkQueue(items, { pocStatus: "DRAFT", userId: "me", now, filter: "overdue" });
    expect(queue.counts).toEqual({ all: 5, open: 4, blocking: 2, overdue: 1, dueSoon: 1, mine: 1 });
    expect(queue.entries.map((entry) => entry.item.id)).toEqual(["overdue"]);
    expect(queue.dueSoon.map((entry) => entry.item.id)).toEqual(["blocking"]);
  });

  it("filters to what the officer owns and still has to do", () => {
    const mine = buildWorkQueue([...items, item({ id: "mine-done", status: "APPROVED", ownerId: "me" })], { pocStatus: "DRAFT", userId: "me", now, filter: "mine" });
    expect(mine.entries.map((entry) => entry.item.id)).toEqual(["overdue"]);
  });

  it("moves the blocking phase along with the PoC's lifecycle", () => {
    const running = buildWorkQueue(items, { pocStatus: "RUNNING", userId: "me", now, filter: "blocking" });
    expect(running.entries.map((entry) => entry.item.id)).toEqual(["later"]);
    expect(blockingPhaseFor("DECIDED")).toBeNull();
    expect(buildWorkQueue(items, { pocStatus: "DECIDED", userId: "me", now, filter: "blocking" }).entries).toEqual([]);
  });

  it("an item due today is due soon, not overdue, until its whole day has passed", () => {
    const today = item({ id: "today", dueDate: new Date("2026-12-01T00:00:00Z") });
    expect(buildWorkQueue([today], { pocStatus: "DRAFT", userId: "x", now, filter: "all" }).counts).toMatchObject({ overdue: 0, dueSoon: 1 });
    expect(buildWorkQueue([today], { pocStatus: "DRAFT", userId: "x", now: new Date("2026-12-02T00:00:00Z"), filter: "all" }).counts).toMatchObject({ overdue: 1, dueSoon: 0 });
  });
});

describe("parseWorkQueueFilter", () => {
  it("accepts the known filters and falls back to all", () => {
    expect(parseWorkQueueFilter("blocking")).toBe("blocking");
    expect(parseWorkQueueFilter("drop table")).toBe("all");
    expect(parseWorkQueueFilter(["open", "mine"])).toBe("all");
    expect(parseWorkQueueFilter(undefined)).toBe("all");
  });
});
