import "server-only";
import { recordAuditEvent, actorFields, type AuditActor } from "@/lib/audit/record-audit-event";
import type { CurrentUser } from "@/lib/auth/current-user";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { modelManifestSchema } from "@/lib/inference/manifest";
import { computeKpis } from "@/lib/kpi/compute-kpis";
import { loadKpiAggregates } from "@/lib/kpi/load-kpi-aggregates";
import type { ModelCardInput } from "@/lib/models/build-model-card";
import { pocScope } from "@/lib/auth/site-scope";

// The KPIs a model card reports as the PoC's measured evidence: the AI's own performance and its effect on readers.
const evidenceKpis = ["aiAuc", "aiSensitivity", "aiSpecificity", "aiReaderKappa", "sensitivityDifference", "specificityDifference", "readingTimeRelativeChange"];

/**
 * Everything a model card needs, with the PoC's evidence when a PoC (one the user may see, using
 * this model) is named. Aggregates only, no case rows; the export is audited.
 */
export async function loadModelCard(db: Db, user: CurrentUser & AuditActor, options: { modelId: string; pocId?: string | null; format: string }): Promise<Omit<ModelCardInput, "locale" | "generatedAt">> {
  const model = await db.modelVersion.findUnique({ where: { id: options.modelId }, include: { sharesEncodersWith: { select: { name: true, version: true } } } });
  if (!model) throw new AppError("NOT_FOUND");
  const manifest = modelManifestSchema.parse(model.manifest);
  let poc: ModelCardInput["poc"] = null;
  let evidence: ModelCardInput["evidence"] = null;
  if (options.pocId) {
    const found = await db.poc.findFirst({ where: { id: options.pocId, modelVersionId: model.id, ...pocScope(user) }, select: { id: true, title: true, status: true, kpiTargets: true } });
    if (!found) throw new AppError("NOT_FOUND");
    poc = { id: found.id, title: found.title, status: found.status };
    const kpis = computeKpis(await loadKpiAggregates(db, [found.id]), found.kpiTargets).filter((kpi) => evidenceKpis.includes(kpi.key));
    const [cases, casesOutsideIntendedUse, inferences, inferencesOutOfDistribution] = await Promise.all([
      db.case.count({ where: { pocId: found.id } }),
      db.case.count({ where: { pocId: found.id, outOfIntendedUse: true } }),
      db.inference.count({ where: { case: { pocId: found.id }, modelVersionId: model.id, status: "SUCCEEDED" } }),
      db.inference.count({ where: { case: { pocId: found.id }, modelVersionId: model.id, status: "SUCCEEDED", outputs: { path: ["outOfDistribution", "flagged"], equals: true } } }),
    ]);
    evidence = { kpis: kpis.map((kpi) => ({ key: kpi.key, estimate: kpi.estimate, lower: kpi.lower, upper: kpi.upper, n: kpi.n, method: kpi.method })), cases, casesOutsideIntendedUse, inferences, inferencesOutOfDistribution };
  }
  await db.$transaction((tx) =>
    recordAuditEvent(tx, { ...actorFields(user), action: "model.card_export", entityType: "ModelVersion", entityId: model.id, details: { pocId: poc?.id ?? null, format: options.format } }),
  );
  return {
    model: { id: model.id, name: model.name, version: model.version, sha256: model.sha256, encodersSha256: model.encodersSha256, registeredAt: model.createdAt, sharesEncodersWith: model.sharesEncodersWith },
    manifest,
    poc,
    evidence,
  };
}

/** The PoCs using this model that the user may see: the card page offers them as evidence. */
export function listPocsUsingModel(db: Db, user: CurrentUser, modelId: string) {
  return db.poc.findMany({ where: { modelVersionId: modelId, ...pocScope(user) }, select: { id: true, title: true, status: true }, orderBy: { createdAt: "desc" } });
}
