import { describe, expect, it } from "vitest";
import { auditCsvLine } from "./audit-csv";

describe("audit CSV", () => {
  it("writes one event per line with its details as JSON", () => {
    const line = auditCsvLine(
      { seq: 7, at: new Date("2026-01-02T03:04:05Z"), actorId: "u1", actorRole: "COMPLIANCE", action: "checklist.sign_off", entityType: "ChecklistItem", entityId: "i1", outcome: "SUCCESS", details: { status: "APPROVED" }, requestId: null, prevHash: "0", hash: "h", siteId: "s1", hashVersion: 2 },
      "co@example.jp",
    );
    expect(line).toBe('7,2026-01-02T03:04:05.000Z,u1,co@example.jp,COMPLIANCE,checklist.sign_off,ChecklistItem,i1,SUCCESS,"{""status"":""APPROVED""}",,h');
  });
});
