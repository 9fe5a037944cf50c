import type { Tx } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import type { AuditOutcome } from "@/lib/db/generated/enums";
import type { AuditAction } from "@/lib/audit/audit-actions";
import { auditRowHash, currentAuditHashVersion, genesisHash } from "@/lib/audit/hash-chain";
import { resolveAuditSiteId } from "@/lib/audit/resolve-audit-site";

export type AuditEventInput = {
  actorId?: string | null;
  actorRole?: string | null;
  /** Dotted verb from the one catalogue (lib/audit/audit-actions.ts), e.g. "auth.sign_in", "case.view". */
  action: AuditAction;
  entityType?: string | null;
  entityId?: string | null;
  outcome?: AuditOutcome;
  /** Non-identifying context only: ids, codes, counts. Never names, notes or credentials. */
  details?: Record<string, unknown> | null;
  requestId?: string | null;
  /** The site the event concerns; left out, it is found from the entity or details (resolveAuditSiteId). */
  siteId?: string | null;
};

/** Who did it, as every domain function receives it. */
export type AuditActor = { id: string; role: string; requestId?: string };

export function actorFields(actor: AuditActor) {
  return { actorId: actor.id, actorRole: actor.role, requestId: actor.requestId ?? null };
}

// Any constant works: it names the one lock that serialises appends, so concurrent writers cannot fork the chain.
const auditChainLockKey = 7_314_002;

/** Appends one event to the chain inside the caller's transaction, so it commits or rolls back with the change. */
export async function recordAuditEvent(tx: Tx, input: AuditEventInput): Promise<void> {
  const siteId = await resolveAuditSiteId(tx, input);
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(${auditChainLockKey})`;
  const last = await tx.auditEvent.findFirst({ orderBy: { seq: "desc" }, select: { seq: true, hash: true } });
  const fields = {
    seq: (last?.seq ?? 0) + 1,
    at: new Date(),
    actorId: input.actorId ?? null,
    actorRole: input.actorRole ?? null,
    action: input.action,
    entityType: input.entityType ?? null,
    entityId: input.entityId ?? null,
    outcome: input.outcome ?? "SUCCESS",
    details: input.details ?? null,
    requestId: input.requestId ?? null,
    prevHash: last?.hash ?? genesisHash,
    siteId,
    hashVersion: currentAuditHashVersion,
  };
  await tx.auditEvent.create({
    data: { ...fields, details: (fields.details ?? undefined) as Prisma.InputJsonValue | undefined, hash: auditRowHash(fields) },
  });
}
