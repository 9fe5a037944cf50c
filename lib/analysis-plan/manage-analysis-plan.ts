import "server-only";
import { actorFields, recordAuditEvent, type AuditActor } from "@/lib/audit/record-audit-event";
import { can } from "@/lib/auth/permissions";
import type { Db, Tx } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import { AppError } from "@/lib/errors";
import { pocScope, type Actor as ScopedActor } from "@/lib/auth/site-scope";
import { defaultAnalysisPlan } from "./default-plan";
import { amendedFields, analysisPlanHash } from "./lock-analysis-plan";
import { analysisPlanSchema, type AmendAnalysisPlanInput, type AnalysisPlan } from "./schema";

const asJson = (plan: AnalysisPlan) => plan as unknown as Prisma.InputJsonValue;

/**
 * Locks the PoC's analysis plan with the PoC's approval, inside that transaction: the current draft (or the
 * plan built from the PoC's registered targets and design) becomes the approved version 1, and its hash goes
 * into the approval's audit event. Idempotent: an already locked plan is returned as it is.
 */
export async function lockAnalysisPlanOnApproval(tx: Tx, pocId: string, actor: AuditActor, now: Date) {
  const latest = await tx.analysisPlanVersion.findFirst({ where: { pocId }, orderBy: { version: "desc" } });
  if (latest && latest.status !== "DRAFT") return { version: latest.version, planHash: latest.planHash };
  const poc = await tx.poc.findUniqueOrThrow({ where: { id: pocId }, select: { readingDesign: true, kpiTargets: { select: { kpi: true, comparator: true, targetValue: true, isPrimary: true } } } });
  const plan = latest ? analysisPlanSchema.parse(latest.plan) : analysisPlanSchema.parse(defaultAnalysisPlan(poc));
  const planHash = analysisPlanHash(plan);
  const approved = { status: "APPROVED", planHash, plan: asJson(plan), approvedById: actor.id, approvedAt: now };
  const row = latest
    ? await tx.analysisPlanVersion.update({ where: { id: latest.id }, data: approved })
    : await tx.analysisPlanVersion.create({ data: { pocId, version: 1, createdById: actor.id, ...approved } });
  return { version: row.version, planHash };
}

/**
 * A change to a locked plan: a new version marked as an amendment, with its reason, the fields it changed and
 * its hash in the audit chain. Before the lock a change just replaces the draft. Compliance and admins only.
 */
export async function amendAnalysisPlan(db: Db, actor: ScopedActor, input: AmendAnalysisPlanInput) {
  if (!can(actor.role, "poc:approve")) throw new AppError("FORBIDDEN");
  return db.$transaction(async (tx) => {
    const poc = await tx.poc.findFirst({ where: { id: input.pocId, ...pocScope(actor) }, select: { id: true, readingDesign: true, kpiTargets: { select: { kpi: true, comparator: true, targetValue: true, isPrimary: true } } } });
    if (!poc) throw new AppError("NOT_FOUND");
    const latest = await tx.analysisPlanVersion.findFirst({ where: { pocId: poc.id }, orderBy: { version: "desc" } });
    const previous = latest ? analysisPlanSchema.parse(latest.plan) : defaultAnalysisPlan(poc);
    const planHash = analysisPlanHash(input.plan);
    const locked = latest !== null && latest.status !== "DRAFT";
    const row = latest && !locked
      ? await tx.analysisPlanVersion.update({ where: { id: latest.id }, data: { plan: asJson(input.plan), planHash } })
      : await tx.analysisPlanVersion.create({ data: { pocId: poc.id, version: (latest?.version ?? 0) + 1, plan: asJson(input.plan), planHash, status: locked ? "AMENDMENT" : "DRAFT", amendmentReason: locked ? input.reason : null, createdById: actor.id } });
    await recordAuditEvent(tx, {
      ...actorFields(actor), action: locked ? "plan.amend" : "plan.draft", entityType: "Poc", entityId: poc.id,
      details: { version: row.version, planHash, fields: amendedFields(previous, input.plan) },
    });
    return { version: row.version, planHash, status: row.status };
  });
}

/** Every version of a PoC's plan, newest first (what the dashboard shows: the locked plan and each amendment with its reason). */
export async function listAnalysisPlanVersions(db: Db, pocId: string) {
  const rows = await db.analysisPlanVersion.findMany({ where: { pocId }, orderBy: { version: "desc" }, select: { version: true, plan: true, planHash: true, status: true, amendmentReason: true, createdAt: true, approvedAt: true } });
  return rows.map((row) => ({ ...row, plan: analysisPlanSchema.parse(row.plan) }));
}
