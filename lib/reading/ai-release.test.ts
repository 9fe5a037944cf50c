import { describe, expect, it } from "vitest";
import type { AiMode, ReadArm, Role } from "@/lib/db/generated/enums";
import { decideAiRelease, type AiReleaseState } from "./ai-release";

const now = new Date("2026-12-01T09:00:00Z");
const earlier = new Date("2026-11-30T09:00:00Z");
const later = new Date("2026-12-20T09:00:00Z");

type ReadState = "none" | "assigned" | "firstCall" | "completed";
const readStates: ReadState[] = ["none", "assigned", "firstCall", "completed"];
const arms: ReadArm[] = ["UNAIDED", "AIDED"];
const modes: AiMode[] = ["CONCURRENT", "SECOND_READER"];

function read(arm: ReadArm, state: Exclude<ReadState, "none">, availableFrom = earlier): AiReleaseState["reads"][number] {
  return { arm, status: state === "completed" ? "COMPLETED" : "ASSIGNED", firstCall: state === "firstCall" || state === "completed" ? true : null, availableFrom };
}

function state(overrides: Partial<AiReleaseState> = {}): AiReleaseState {
  return { role: "CLINICIAN", pocStatus: "RUNNING", aiMode: "CONCURRENT", reads: [], ...overrides };
}

/** The rule as a table, written out by hand for a clinician in a running PoC with one read of the case. */
function expected(arm: ReadArm, mode: AiMode, readState: ReadState): string {
  if (readState === "none") return "NO_READ_ASSIGNED";
  if (readState === "completed") return "READS_CLOSED";
  if (arm === "UNAIDED") return "UNAIDED_READ_OPEN";
  if (mode === "CONCURRENT") return "AIDED_READ_OPEN";
  return readState === "firstCall" ? "FIRST_CALL_MADE" : "FIRST_CALL_PENDING";
}
const releasedReasons = new Set(["NOT_A_READER", "READING_CLOSED", "AIDED_READ_OPEN", "FIRST_CALL_MADE", "READS_CLOSED"]);

describe("the AI-release (blinding) rule", () => {
  for (const arm of arms)
    for (const mode of modes)
      for (const readState of readStates)
        it(`clinician, ${arm.toLowerCase()} arm, ${mode.toLowerCase()}, read ${readState}: ${expected(arm, mode, readState)}`, () => {
          const decision = decideAiRelease(state({ aiMode: mode, reads: readState === "none" ? [] : [read(arm, readState)] }), now);
          expect(decision.reason).toBe(expected(arm, mode, readState));
          expect(decision.released).toBe(releasedReasons.has(expected(arm, mode, readState)));
        });

  it("withholds it from a clinician with no read yet: they may still be assigned the case unaided", () => {
    expect(decideAiRelease(state({ aiMode: "CONCURRENT" }), now)).toEqual({ released: false, reason: "NO_READ_ASSIGNED" });
  });

  it("withholds it while any period's unaided read is open, even after an aided one was completed", () => {
    const crossover = [read("AIDED", "completed"), read("UNAIDED", "assigned", later)];
    expect(decideAiRelease(state({ reads: crossover }), now)).toEqual({ released: false, reason: "UNAIDED_READ_OPEN" });
  });

  it("withholds it during the washout before an aided period 2, and releases it once that read is available", () => {
    const crossover = [read("UNAIDED", "completed"), read("AIDED", "assigned", later)];
    expect(decideAiRelease(state({ reads: crossover }), now)).toEqual({ released: false, reason: "READ_NOT_AVAILABLE" });
    expect(decideAiRelease(state({ reads: crossover }), new Date(later.getTime() + 1))).toEqual({ released: true, reason: "AIDED_READ_OPEN" });
  });

  it("releases it after an abandoned read: no call of theirs is left to protect", () => {
    expect(decideAiRelease(state({ reads: [{ ...read("UNAIDED", "assigned"), status: "ABANDONED" }] }), now)).toEqual({ released: true, reason: "READS_CLOSED" });
  });

  for (const role of ["EXECUTIVE", "COMPLIANCE", "ADMIN"] as Role[])
    it(`releases it to ${role.toLowerCase()}s, who never read`, () => {
      expect(decideAiRelease(state({ role, aiMode: "SECOND_READER" }), now)).toEqual({ released: true, reason: "NOT_A_READER" });
    });

  for (const pocStatus of ["EVALUATING", "DECIDED"] as const)
    it(`releases it to clinicians once the PoC is ${pocStatus.toLowerCase()}: no read can be assigned or completed any more`, () => {
      expect(decideAiRelease(state({ pocStatus, reads: [read("UNAIDED", "assigned")] }), now)).toEqual({ released: true, reason: "READING_CLOSED" });
    });
});
