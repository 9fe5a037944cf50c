import type { AiMode, PocStatus, ReadArm, ReadStatus, Role } from "@/lib/db/generated/enums";

/** What decides whether one user may see one case's AI output now: their role, the study's state and their own reads of the case. */
export type AiReleaseState = {
  role: Role;
  pocStatus: PocStatus;
  aiMode: AiMode;
  /** This user's reads of this case (every period), whatever their status. */
  reads: readonly { arm: ReadArm; status: ReadStatus; firstCall: boolean | null; availableFrom: Date }[];
};

/** @public The catalogue the release reasons are derived from. */
export const aiReleasedReasons = ["NOT_A_READER", "READING_CLOSED", "AIDED_READ_OPEN", "FIRST_CALL_MADE", "READS_CLOSED"] as const;
/** @public The catalogue the withheld reasons are derived from. */
export const aiWithheldReasons = ["NO_READ_ASSIGNED", "UNAIDED_READ_OPEN", "READ_NOT_AVAILABLE", "FIRST_CALL_PENDING"] as const;
export type AiReleaseDecision =
  | { released: true; reason: (typeof aiReleasedReasons)[number] }
  | { released: false; reason: (typeof aiWithheldReasons)[number] };

/**
 * The blinding rule, in one place: may this user see this case's AI output now? Used by the overlay
 * route, the reading page, the case page and every action that returns AI output (lib/reading/load-ai-output.ts).
 *
 * Only clinicians read, so only they are blinded. While the study runs, a clinician sees the AI only
 * inside an open, available aided read (in second-reader mode once their own first call is stored),
 * or once all their reads of the case are closed. With no read yet they see nothing: every clinician
 * of the site is assigned every case, possibly unaided. An open unaided read (any period) withholds
 * it. Once the PoC stops running no read can be assigned or completed, so nothing is left to protect.
 */
export function decideAiRelease(state: AiReleaseState, now = new Date()): AiReleaseDecision {
  if (state.role !== "CLINICIAN") return { released: true, reason: "NOT_A_READER" };
  if (state.pocStatus !== "RUNNING") return { released: true, reason: "READING_CLOSED" };
  if (state.reads.length === 0) return { released: false, reason: "NO_READ_ASSIGNED" };
  const open = state.reads.filter((read) => read.status === "ASSIGNED");
  if (open.some((read) => read.arm === "UNAIDED")) return { released: false, reason: "UNAIDED_READ_OPEN" };
  if (open.length === 0) return { released: true, reason: "READS_CLOSED" };
  const available = open.filter((read) => read.availableFrom <= now);
  // An aided period 2 still in its washout: the reader is meant to forget the case, not study its AI output.
  if (available.length === 0) return { released: false, reason: "READ_NOT_AVAILABLE" };
  if (state.aiMode === "SECOND_READER") {
    return available.every((read) => read.firstCall !== null) ? { released: true, reason: "FIRST_CALL_MADE" } : { released: false, reason: "FIRST_CALL_PENDING" };
  }
  return { released: true, reason: "AIDED_READ_OPEN" };
}
