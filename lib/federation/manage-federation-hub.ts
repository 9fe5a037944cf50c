import "server-only";
import { actorFields, recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { Actor } from "@/lib/auth/site-scope";
import { keyIdOf, verifyBundleSignature } from "./bundle-signature";
import { canonicalHash } from "./canonical-json";
import { parseSignedBundle } from "./import-evidence-bundle";
import type { CreateFederatedStudyInput, RegisterFederatedSiteInput } from "./schema";

/** Registers a site and the public key its bundles are signed with (exchanged out of band, compared by key id). */
export async function registerFederatedSite(db: Db, actor: Actor, input: RegisterFederatedSiteInput) {
  let keyId: string;
  try {
    keyId = keyIdOf(input.publicKeyPem);
  } catch {
    throw new AppError("INVALID_INPUT");
  }
  const taken = await db.federatedSite.findFirst({ where: { OR: [{ code: input.code }, { keyId }] }, select: { id: true } });
  if (taken) throw new AppError("FEDERATED_SITE_EXISTS");
  return db.$transaction(async (tx) => {
    const site = await tx.federatedSite.create({ data: { code: input.code, name: input.name, keyId, publicKeyPem: input.publicKeyPem }, select: { id: true, keyId: true } });
    await recordAuditEvent(tx, { ...actorFields(actor), action: "federation.site_register", entityType: "FederatedSite", entityId: site.id, details: { code: input.code, keyId } });
    return site;
  });
}

/**
 * Opens a study from a registered site's signed bundle: the plan (whose hash must check), the model
 * and the manifest hash become what every other bundle must match. The bundle itself is then imported
 * like any other.
 */
export async function createFederatedStudy(db: Db, actor: Actor, input: CreateFederatedStudyInput) {
  const bundle = parseSignedBundle(input.bundleJson);
  const site = await db.federatedSite.findUnique({ where: { keyId: bundle.signature.keyId } });
  if (!site) throw new AppError("BUNDLE_UNKNOWN_KEY");
  if (!verifyBundleSignature(bundle, site.publicKeyPem)) throw new AppError("BUNDLE_SIGNATURE_INVALID");
  const { plan, hash } = bundle.payload.analysisPlan;
  if (canonicalHash(plan) !== hash) throw new AppError("BUNDLE_PLAN_MISMATCH");
  const existing = await db.federatedStudy.findUnique({ where: { planHash: hash }, select: { id: true } });
  if (existing) return existing;
  return db.$transaction(async (tx) => {
    const study = await tx.federatedStudy.create({
      data: { title: input.title, planHash: hash, plan, modelSha256: bundle.payload.model.sha256, manifestHash: bundle.payload.model.manifestHash },
      select: { id: true },
    });
    await recordAuditEvent(tx, { ...actorFields(actor), action: "federation.study_create", entityType: "FederatedStudy", entityId: study.id, details: { planHash: hash, modelSha256: bundle.payload.model.sha256 } });
    return study;
  });
}
