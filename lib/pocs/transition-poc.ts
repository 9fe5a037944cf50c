import "server-only";
import { actorFields, recordAuditEvent } from "@/lib/audit/record-audit-event";
import { can, type Permission } from "@/lib/auth/permissions";
import type { Db, Tx } from "@/lib/db/client";
import type { ChecklistPhase, PocStatus } from "@/lib/db/generated/enums";
import { AppError, isAppError } from "@/lib/errors";
import { isChecklistItemSatisfied } from "@/lib/governance/checklist-progress";
import { pocScope, type Actor } from "@/lib/auth/site-scope";
import type { DecidePocInput } from "@/lib/pocs/schema";

/** The PoC lifecycle: each step, who may take it, and which checklist phase must be complete first. */
const pocTransitions = {
  approve: { from: "DRAFT", to: "APPROVED", permission: "poc:approve", action: "poc.approve", requiresPhase: "PRE_START" },
  // Re-checked at the start: a pre-start sign-off superseded after approval stops the PoC from starting.
  start: { from: "APPROVED", to: "RUNNING", permission: "poc:start", action: "poc.start", requiresPhase: "PRE_START" },
  beginEvaluation: { from: "RUNNING", to: "EVALUATING", permission: "poc:start", action: "poc.begin_evaluation", requiresPhase: null },
  decide: { from: "EVALUATING", to: "DECIDED", permission: "poc:decide", action: "poc.decide", requiresPhase: "PRE_DECISION" },
} as const satisfies Record<string, { from: PocStatus; to: PocStatus; permission: Permission; action: string; requiresPhase: ChecklistPhase | null }>;

type PocTransition = keyof typeof pocTransitions;

export type TransitionPocInput = { pocId: string; transition: Exclude<PocTransition, "decide"> } | (DecidePocInput & { transition: "decide" });

const incompleteCodes = { PRE_START: "POC_PRE_START_INCOMPLETE", PRE_DECISION: "POC_PRE_DECISION_INCOMPLETE" } as const;

/**
 * Moves a PoC one step along its lifecycle, or refuses with the reason. Every rule is checked here,
 * on the server, whoever asks and however; refusals are audited too.
 */
export async function transitionPoc(db: Db, actor: Actor, input: TransitionPocInput, now = new Date()) {
  const step = pocTransitions[input.transition];
  try {
    if (!can(actor.role, step.permission)) throw new AppError("FORBIDDEN");
    return await db.$transaction(async (tx) => {
      const poc = await lockPocInScope(tx, actor, input.pocId);
      if (poc.status !== step.from) throw new AppError("POC_TRANSITION_NOT_ALLOWED");
      if (step.requiresPhase) {
        const items = await tx.checklistItem.findMany({ where: { pocId: poc.id, phase: step.requiresPhase }, select: { status: true, naReason: true } });
        const outstanding = items.filter((item) => !isChecklistItemSatisfied(item)).length;
        // A PoC without any checklist for this phase has not been governed at all.
        if (outstanding > 0 || items.length === 0) throw new AppError(incompleteCodes[step.requiresPhase], { count: outstanding });
      }
      const decision = input.transition === "decide" ? { decision: input.decision, decisionReason: input.reason, decidedById: actor.id, decidedAt: now } : {};
      await tx.poc.update({ where: { id: poc.id }, data: { status: step.to, ...decision } });
      await recordAuditEvent(tx, {
        ...actorFields(actor),
        action: step.action,
        entityType: "Poc",
        entityId: poc.id,
        details: { from: step.from, to: step.to, ...(input.transition === "decide" ? { decision: input.decision } : {}) },
      });
      return { id: poc.id, status: step.to };
    });
  } catch (error) {
    if (isAppError(error)) {
      await db.$transaction((tx) =>
        recordAuditEvent(tx, {
          ...actorFields(actor),
          action: step.action,
          entityType: "Poc",
          entityId: input.pocId,
          outcome: "DENIED",
          details: { reason: error.code, ...(error.params ?? {}) },
        }),
      );
    }
    throw error;
  }
}

async function lockPocInScope(tx: Tx, actor: Actor, pocId: string) {
  const visible = await tx.poc.findFirst({ where: { id: pocId, ...pocScope(actor) }, select: { id: true } });
  if (!visible) throw new AppError("NOT_FOUND");
  // Serialises transitions with each other and with sign-offs (which share-lock the PoC).
  await tx.$queryRaw`SELECT id FROM "Poc" WHERE id = ${visible.id} FOR UPDATE`;
  return tx.poc.findUniqueOrThrow({ where: { id: visible.id }, select: { id: true, status: true } });
}
