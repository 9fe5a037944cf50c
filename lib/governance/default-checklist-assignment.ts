import type { ChecklistPhase } from "@/lib/db/generated/enums";

/**
 * How long after a PoC is created each phase's items fall due, unless the officer changes it: pre-start
 * items before the PoC can start (two weeks), pre-decision items by the usual end of a reading study
 * (three months), ongoing ones at the first half-yearly review.
 */
const defaultDueInDays = { PRE_START: 14, PRE_DECISION: 90, ONGOING: 180 } as const satisfies Record<ChecklistPhase, number>;

/** Due dates are calendar days stored as midnight UTC (see isChecklistItemOverdue). */
export function defaultChecklistDueDate(phase: ChecklistPhase, createdAt: Date): Date {
  return new Date(Date.UTC(createdAt.getUTCFullYear(), createdAt.getUTCMonth(), createdAt.getUTCDate() + defaultDueInDays[phase]));
}
