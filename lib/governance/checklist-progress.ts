import type { ChecklistPhase, ChecklistStatus } from "@/lib/db/generated/enums";

type ProgressItem = { phase: ChecklistPhase; status: ChecklistStatus; naReason: string | null; dueDate: Date | null; frameworks: string[] };
type Tally = { total: number; done: number };

/** Done means approved, or not applicable with a stated reason; the PoC gate counts nothing else. */
export function isChecklistItemSatisfied(item: { status: ChecklistStatus; naReason: string | null }): boolean {
  return item.status === "APPROVED" || (item.status === "NOT_APPLICABLE" && Boolean(item.naReason?.trim()));
}

/** Signed items, including one awaiting its second signature, change status only through a new sign-off. */
export function isChecklistItemSigned(item: { status: ChecklistStatus }): boolean {
  return item.status === "APPROVED" || item.status === "NOT_APPLICABLE" || item.status === "AWAITING_SECOND_SIGNATURE";
}

const dayMs = 24 * 3600 * 1000;

/** Due dates are calendar days (stored as midnight UTC): an item is overdue once its whole due day has passed. */
export function isChecklistItemOverdue(item: { status: ChecklistStatus; naReason: string | null; dueDate: Date | null }, now: Date): boolean {
  return item.dueDate !== null && item.dueDate.getTime() + dayMs <= now.getTime() && !isChecklistItemSatisfied(item);
}

export type ChecklistProgress = {
  all: Tally;
  byPhase: Record<ChecklistPhase, Tally>;
  byFramework: Record<string, Tally>;
  overdue: number;
};

export function emptyChecklistProgress(): ChecklistProgress {
  return { all: { total: 0, done: 0 }, byPhase: { PRE_START: { total: 0, done: 0 }, PRE_DECISION: { total: 0, done: 0 }, ONGOING: { total: 0, done: 0 } }, byFramework: {}, overdue: 0 };
}

/** Adds items to a running tally; call once per PoC, or over many PoCs for a site-wide view. */
export function tallyChecklist(items: Iterable<ProgressItem>, now: Date, progress = emptyChecklistProgress()): ChecklistProgress {
  for (const item of items) {
    const done = isChecklistItemSatisfied(item) ? 1 : 0;
    progress.all.total += 1;
    progress.all.done += done;
    progress.byPhase[item.phase].total += 1;
    progress.byPhase[item.phase].done += done;
    for (const framework of item.frameworks) {
      const tally = (progress.byFramework[framework] ??= { total: 0, done: 0 });
      tally.total += 1;
      tally.done += done;
    }
    if (isChecklistItemOverdue(item, now)) progress.overdue += 1;
  }
  return progress;
}
