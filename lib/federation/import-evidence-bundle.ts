import "server-only";
import { actorFields, recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { Db } from "@/lib/db/client";
import { AppError, isAppError } from "@/lib/errors";
import type { Actor } from "@/lib/auth/site-scope";
import { signedBundleSchema, type SignedBundle } from "./bundle-schema";
import { bundleHash, verifyBundleSignature } from "./bundle-signature";
import { canonicalHash } from "./canonical-json";

/** Parses the uploaded text into a signed bundle, or BUNDLE_INVALID. */
export function parseSignedBundle(bundleJson: string): SignedBundle {
  let raw: unknown;
  try {
    raw = JSON.parse(bundleJson);
  } catch {
    throw new AppError("BUNDLE_INVALID");
  }
  const parsed = signedBundleSchema.safeParse(raw);
  if (!parsed.success) throw new AppError("BUNDLE_INVALID");
  return parsed.data;
}

/**
 * The hub's checks, in order: schema; a registered, known key whose site code matches; the Ed25519
 * signature over the canonical payload; the plan's own hash; a study with that plan hash; the study's
 * model and manifest; not replayed (the same bundle, or one not newer than the site's latest for the
 * study). Every refusal is audited with its reason; nothing is stored unless all pass.
 */
export async function importEvidenceBundle(db: Db, actor: Actor, bundleJson: string) {
  let context: Record<string, unknown> = {};
  try {
    const bundle = parseSignedBundle(bundleJson);
    const { payload } = bundle;
    context = { siteCode: payload.site.code, keyId: bundle.signature.keyId };
    const site = await db.federatedSite.findUnique({ where: { keyId: bundle.signature.keyId } });
    if (!site || site.code !== payload.site.code || payload.site.keyId !== bundle.signature.keyId) throw new AppError("BUNDLE_UNKNOWN_KEY");
    if (!verifyBundleSignature(bundle, site.publicKeyPem)) throw new AppError("BUNDLE_SIGNATURE_INVALID");
    if (canonicalHash(payload.analysisPlan.plan) !== payload.analysisPlan.hash) throw new AppError("BUNDLE_PLAN_MISMATCH");
    const study = await db.federatedStudy.findUnique({ where: { planHash: payload.analysisPlan.hash } });
    if (!study) throw new AppError("BUNDLE_PLAN_MISMATCH");
    if (study.modelSha256 !== payload.model.sha256 || study.manifestHash !== payload.model.manifestHash) throw new AppError("BUNDLE_MODEL_MISMATCH");
    const hash = bundleHash(payload);
    const exportedAt = new Date(payload.exportedAt);
    return await db.$transaction(async (tx) => {
      // One import per site at a time, so two uploads of the same bundle cannot both pass the replay check.
      await tx.$queryRaw`SELECT id FROM "FederatedSite" WHERE id = ${site.id} FOR UPDATE`;
      const newer = await tx.federatedBundle.findFirst({ where: { OR: [{ bundleHash: hash }, { studyId: study.id, siteId: site.id, exportedAt: { gte: exportedAt } }] }, select: { id: true } });
      if (newer) throw new AppError("BUNDLE_REPLAYED");
      const stored = await tx.federatedBundle.create({ data: { studyId: study.id, siteId: site.id, bundleHash: hash, exportedAt, payload }, select: { id: true } });
      await recordAuditEvent(tx, {
        ...actorFields(actor),
        action: "federation.bundle_import",
        entityType: "FederatedBundle",
        entityId: stored.id,
        details: { studyId: study.id, siteCode: site.code, keyId: site.keyId, bundleHash: hash },
      });
      return { id: stored.id, studyId: study.id, siteCode: site.code };
    });
  } catch (error) {
    if (isAppError(error)) {
      await db.$transaction((tx) =>
        recordAuditEvent(tx, { ...actorFields(actor), action: "federation.bundle_import", entityType: "FederatedBundle", outcome: "DENIED", details: { reason: error.code, ...context } }),
      );
    }
    throw error;
  }
}
