import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { actorFields, recordAuditEvent, type AuditActor } from "@/lib/audit/record-audit-event";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";

// Per-PoC API tokens for the site's PACS router (STOW-RS push). Shown once at creation; only the
// sha256 is stored, so a database dump yields no usable token. Revocable; every use is audited.
const tokenHash = (token: string) => createHash("sha256").update(token).digest("hex");

export async function createPocApiToken(db: Db, admin: AuditActor, input: { pocId: string; label: string }): Promise<{ id: string; token: string }> {
  const token = `mmfm_${randomBytes(32).toString("base64url")}`;
  return db.$transaction(async (tx) => {
    const poc = await tx.poc.findUnique({ where: { id: input.pocId }, select: { id: true } });
    if (!poc) throw new AppError("NOT_FOUND");
    const created = await tx.pocApiToken.create({ data: { pocId: poc.id, label: input.label, tokenHash: tokenHash(token), createdById: admin.id } });
    await recordAuditEvent(tx, { ...actorFields(admin), action: "poc.api_token_create", entityType: "PocApiToken", entityId: created.id, details: { pocId: poc.id } });
    return { id: created.id, token };
  });
}

export async function revokePocApiToken(db: Db, admin: AuditActor, tokenId: string): Promise<void> {
  await db.$transaction(async (tx) => {
    const revoked = await tx.pocApiToken.updateMany({ where: { id: tokenId, revokedAt: null }, data: { revokedAt: new Date() } });
    if (revoked.count === 0) throw new AppError("NOT_FOUND");
    await recordAuditEvent(tx, { ...actorFields(admin), action: "poc.api_token_revoke", entityType: "PocApiToken", entityId: tokenId });
  });
}

export async function listPocApiTokens(db: Db, pocId: string) {
  return db.pocApiToken.findMany({ where: { pocId }, orderBy: { createdAt: "desc" }, select: { id: true, label: true, createdAt: true, lastUsedAt: true, revokedAt: true } });
}

/**
 * The live token for exactly this PoC, or API_TOKEN_INVALID. A real token presented for another
 * PoC is audited as DENIED (it names the token, never its value).
 */
export async function authenticatePocToken(db: Db, authorization: string | null, pocId: string) {
  const token = /^Bearer\s+(mmfm_[A-Za-z0-9_-]{20,100})$/.exec(authorization ?? "")?.[1];
  const row = token ? await db.pocApiToken.findUnique({ where: { tokenHash: tokenHash(token) }, include: { poc: { select: { id: true, siteId: true, status: true, deidSecret: true, modelVersion: { select: { manifest: true } } } } } }) : null;
  if (!row || row.revokedAt || row.pocId !== pocId) {
    if (row) await db.$transaction((tx) => recordAuditEvent(tx, { actorRole: "PACS_ROUTER", action: "pacs.push", entityType: "PocApiToken", entityId: row.id, outcome: "DENIED", details: { tokenPocId: row.pocId, requestedPocId: pocId.slice(0, 64), revoked: Boolean(row.revokedAt) } }));
    throw new AppError("API_TOKEN_INVALID");
  }
  await db.pocApiToken.update({ where: { id: row.id }, data: { lastUsedAt: new Date() } });
  return row;
}
