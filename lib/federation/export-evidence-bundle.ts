import "server-only";
import { actorFields, recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { Actor } from "@/lib/auth/site-scope";
import { loadKpiAggregates } from "@/lib/kpi/load-kpi-aggregates";
import { pocScope } from "@/lib/auth/site-scope";
import { analysisPlanOf } from "./analysis-plan";
import { evidenceBundleSchema, type EvidenceBundle } from "./bundle-schema";
import { serialiseSignedBundle, signBundle } from "./bundle-signature";
import { canonicalHash } from "./canonical-json";
import { getOrCreateSigningKey } from "./site-signing-key";
import { summariseAggregates } from "./summarise-aggregates";

/**
 * A site's signed evidence bundle of one PoC: roll-up sufficient statistics per arm and subgroup with
 * small cells suppressed, the analysis plan and its hash, the model and manifest hashes, the checklist
 * state and the period. Built from the KPI roll-ups, never from cases. The same data and export time
 * give the same bytes. Audited.
 */
export async function exportEvidenceBundle(db: Db, actor: Actor, input: { pocId: string; exportedAt: Date }, authSecret: string) {
  const poc = await db.poc.findFirst({
    where: { id: input.pocId, ...pocScope(actor) },
    select: {
      id: true,
      siteId: true,
      readingDesign: true,
      aiMode: true,
      site: { select: { code: true } },
      modelVersion: { select: { name: true, version: true, sha256: true, manifest: true } },
      kpiTargets: { select: { kpi: true, comparator: true, targetValue: true, isPrimary: true } },
      checklistItems: { select: { key: true, phase: true, status: true }, orderBy: { key: "asc" } },
    },
  });
  if (!poc) throw new AppError("NOT_FOUND");
  const key = await getOrCreateSigningKey(db, poc.siteId, authSecret);
  const aggregates = await loadKpiAggregates(db, [poc.id]);
  const [period] = await db.$queryRaw<[{ from: Date | null; to: Date | null }]>`
    SELECT min(r."endedAt") AS "from", max(r."endedAt") AS "to" FROM "Read" r JOIN "Case" c ON c.id = r."caseId" WHERE c."pocId" = ${poc.id} AND r.status = 'COMPLETED'`;
  const payload: EvidenceBundle = evidenceBundleSchema.parse({
    format: "mmfm.evidence-bundle",
    schemaVersion: 1,
    site: { code: poc.site.code, keyId: key.keyId },
    exportedAt: input.exportedAt.toISOString(),
    period: { from: period?.from?.toISOString() ?? null, to: period?.to?.toISOString() ?? null },
    analysisPlan: analysisPlanOf(poc),
    model: { name: poc.modelVersion.name, version: poc.modelVersion.version, sha256: poc.modelVersion.sha256, manifestHash: canonicalHash(poc.modelVersion.manifest ?? {}) },
    checklist: poc.checklistItems.map((item) => ({ key: item.key, phase: item.phase, status: item.status })),
    statistics: summariseAggregates(aggregates),
  });
  const signed = signBundle(payload, key.privateKeyPem);
  await db.$transaction((tx) =>
    recordAuditEvent(tx, { ...actorFields(actor), action: "federation.bundle_export", entityType: "Poc", entityId: poc.id, details: { keyId: key.keyId, planHash: payload.analysisPlan.hash } }),
  );
  return { signed, bytes: serialiseSignedBundle(signed), fileName: `evidence-${poc.site.code}-${input.exportedAt.toISOString().slice(0, 10)}.json` };
}
