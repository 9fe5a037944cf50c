import type { ChecklistPhase, ChecklistStatus, PocStatus } from "@/lib/db/generated/enums";
import { isChecklistItemOverdue, isChecklistItemSatisfied } from "@/lib/governance/checklist-progress";

export const workQueueFilters = ["all", "open", "blocking", "overdue", "mine"] as const;
export type WorkQueueFilter = (typeof workQueueFilters)[number];

export const dueSoonWindowDays = 14;
const dayMs = 24 * 3600 * 1000;

type QueueItem = { id: string; phase: ChecklistPhase; status: ChecklistStatus; naReason: string | null; dueDate: Date | null; ownerId: string | null; sortOrder: number };

export type WorkQueueFlags = { open: boolean; blocking: boolean; overdue: boolean; dueSoon: boolean; mine: boolean };

/**
 * The checklist phase that must be complete before the PoC's next lifecycle step (lib/pocs/transition-poc.ts):
 * pre-start items gate approval and start; pre-decision items gate the decision, so they are what a
 * running PoC is waiting on. A decided PoC waits on nothing.
 */
export function blockingPhaseFor(status: PocStatus): ChecklistPhase | null {
  if (status === "DRAFT" || status === "APPROVED") return "PRE_START";
  if (status === "RUNNING" || status === "EVALUATING") return "PRE_DECISION";
  return null;
}

function workQueueFlags(item: QueueItem, context: { pocStatus: PocStatus; userId: string; now: Date }): WorkQueueFlags {
  const open = !isChecklistItemSatisfied(item);
  const overdue = isChecklistItemOverdue(item, context.now);
  const dueSoon = open && !overdue && item.dueDate !== null && item.dueDate.getTime() <= context.now.getTime() + dueSoonWindowDays * dayMs;
  return { open, blocking: open && item.phase === blockingPhaseFor(context.pocStatus), overdue, dueSoon, mine: item.ownerId === context.userId };
}

/**
 * A compliance officer's queue for one PoC: what blocks the PoC first, then what is overdue, then the
 * other open items by due date, then the finished ones. Counts are over all items, whatever the filter.
 */
export function buildWorkQueue<T extends QueueItem>(items: T[], context: { pocStatus: PocStatus; userId: string; now: Date; filter: WorkQueueFilter }) {
  const flagged = items.map((item) => ({ item, flags: workQueueFlags(item, context) }));
  const rank = ({ flags }: (typeof flagged)[number]) => (!flags.open ? 3 : flags.blocking ? 0 : flags.overdue ? 1 : 2);
  const due = ({ item }: (typeof flagged)[number]) => item.dueDate?.getTime() ?? Number.POSITIVE_INFINITY;
  const sorted = [...flagged].sort((a, b) => rank(a) - rank(b) || due(a) - due(b) || a.item.sortOrder - b.item.sortOrder);
  const counts = { all: items.length, open: 0, blocking: 0, overdue: 0, dueSoon: 0, mine: 0 };
  for (const { flags } of flagged) {
    if (flags.open) counts.open += 1;
    if (flags.blocking) counts.blocking += 1;
    if (flags.overdue) counts.overdue += 1;
    if (flags.dueSoon) counts.dueSoon += 1;
    if (flags.mine && flags.open) counts.mine += 1;
  }
  const shown = sorted.filter(({ flags }) => {
    if (context.filter === "all") return true;
    if (context.filter === "mine") return flags.mine && flags.open;
    return flags[context.filter];
  });
  return { entries: shown, counts, dueSoon: sorted.filter(({ flags }) => flags.dueSoon), overdue: sorted.filter(({ flags }) => flags.overdue) };
}

export function parseWorkQueueFilter(value: string | string[] | undefined): WorkQueueFilter {
  return workQueueFilters.find((filter) => filter === value) ?? "all";
}
