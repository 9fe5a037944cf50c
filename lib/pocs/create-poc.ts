import "server-only";
import { randomBytes, randomInt } from "node:crypto";
import { actorFields, recordAuditEvent, type AuditActor } from "@/lib/audit/record-audit-event";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { instantiateChecklist } from "@/lib/governance/instantiate-checklist";
import { registrableKpis, type CreatePocInput } from "@/lib/pocs/schema";

/** A new PoC starts in DRAFT with its own checklist (and its site's second-signer rule), a random seed for arm assignment and its own de-identification key. */
export async function createPoc(db: Db, actor: AuditActor, input: CreatePocInput) {
  return db.$transaction(async (tx) => {
    const site = await tx.site.findUnique({ where: { id: input.siteId }, select: { secondSignerForHighRisk: true } });
    if (!site) throw new AppError("NOT_FOUND");
    if (!(await tx.modelVersion.findFirst({ where: { id: input.modelVersionId, status: "ACTIVE" }, select: { id: true } }))) throw new AppError("MODEL_NOT_AVAILABLE");
    const poc = await tx.poc.create({
      data: {
        siteId: input.siteId,
        modelVersionId: input.modelVersionId,
        title: input.title,
        clinicalQuestion: input.clinicalQuestion,
        status: "DRAFT",
        readingDesign: input.readingDesign,
        aiMode: input.aiMode,
        aidedShare: input.aidedShare,
        washoutDays: input.washoutDays,
        outOfIntendedUsePolicy: input.outOfIntendedUsePolicy,
        randomSeed: randomInt(1, 2 ** 31 - 1),
        deidSecret: randomBytes(32).toString("hex"),
        secondSignerForHighRisk: site.secondSignerForHighRisk,
        kpiTargets: {
          create: input.kpiTargets.map((target) => ({ kpi: target.kpi, targetValue: target.targetValue, isPrimary: target.isPrimary, ...registrableKpis[target.kpi] })),
        },
      },
    });
    const checklistItems = await instantiateChecklist(tx, poc);
    await recordAuditEvent(tx, {
      ...actorFields(actor),
      action: "poc.create",
      entityType: "Poc",
      entityId: poc.id,
      details: { siteId: input.siteId, modelVersionId: input.modelVersionId, readingDesign: input.readingDesign, aiMode: input.aiMode, outOfIntendedUsePolicy: input.outOfIntendedUsePolicy, checklistItems },
    });
    return { id: poc.id };
  });
}
