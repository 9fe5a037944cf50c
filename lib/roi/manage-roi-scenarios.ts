import "server-only";
import { actorFields, recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { Db } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import { AppError } from "@/lib/errors";
import { pocScope, type Actor } from "@/lib/auth/site-scope";
import { defaultScenarios } from "./default-scenarios";
import { roiInputsSchema, type RoiInputs, type UpdateRoiScenarioInput } from "./schema";

/**
 * A PoC's scenarios, created as conservative / base / optimistic the first time anyone opens its ROI
 * (each with a first revision naming who created it). Stored inputs are re-validated on the way out.
 */
export async function ensureRoiScenarios(db: Db, actor: Actor, pocId: string) {
  const poc = await db.poc.findFirst({ where: { id: pocId, ...pocScope(actor) }, select: { id: true } });
  if (!poc) throw new AppError("NOT_FOUND");
  const existing = await db.roiScenario.count({ where: { pocId } });
  if (existing === 0) {
    await db.$transaction(async (tx) => {
      for (const scenario of defaultScenarios) {
        const created = await tx.roiScenario.upsert({
          where: { pocId_name: { pocId, name: scenario.name } },
          update: {},
          create: { pocId, kind: scenario.kind, name: scenario.name, inputs: scenario.inputs as Prisma.InputJsonValue },
        });
        await tx.roiScenarioRevision.create({ data: { scenarioId: created.id, inputs: scenario.inputs as Prisma.InputJsonValue, changedById: actor.id, note: "default" } });
      }
      await recordAuditEvent(tx, { ...actorFields(actor), action: "roi.scenarios_create", entityType: "Poc", entityId: pocId, details: { scenarios: defaultScenarios.length } });
    });
  }
  const scenarios = await db.roiScenario.findMany({
    where: { pocId },
    orderBy: { createdAt: "asc" },
    include: { revisions: { orderBy: { changedAt: "desc" }, take: 10, include: { changedBy: { select: { name: true } } } } },
  });
  const kindOrder = { CONSERVATIVE: 0, BASE: 1, OPTIMISTIC: 2, CUSTOM: 3 } as const;
  return scenarios
    .map((scenario) => ({ ...scenario, inputs: roiInputsSchema.parse(scenario.inputs) }))
    .sort((left, right) => kindOrder[left.kind] - kindOrder[right.kind]);
}

/** Saves new inputs, the revision (who, what, when) and the audit event in one transaction. */
export async function updateRoiScenario(db: Db, actor: Actor, input: UpdateRoiScenarioInput) {
  return db.$transaction(async (tx) => {
    const scenario = await tx.roiScenario.findFirst({ where: { id: input.scenarioId, poc: pocScope(actor) } });
    if (!scenario) throw new AppError("NOT_FOUND");
    const previous = roiInputsSchema.safeParse(scenario.inputs);
    const changedFields = (Object.keys(input.inputs) as (keyof RoiInputs)[]).filter((key) => !previous.success || JSON.stringify(previous.data[key]) !== JSON.stringify(input.inputs[key]));
    await tx.roiScenario.update({ where: { id: scenario.id }, data: { inputs: input.inputs as Prisma.InputJsonValue } });
    await tx.roiScenarioRevision.create({ data: { scenarioId: scenario.id, inputs: input.inputs as Prisma.InputJsonValue, changedById: actor.id, note: input.note ?? null } });
    await recordAuditEvent(tx, { ...actorFields(actor), action: "roi.scenario_update", entityType: "RoiScenario", entityId: scenario.id, details: { pocId: scenario.pocId, changedFields } });
    return { scenarioId: scenario.id, pocId: scenario.pocId, changedFields };
  });
}
