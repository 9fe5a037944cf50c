import "server-only";
import { actorFields, recordAuditEvent, type AuditActor } from "@/lib/audit/record-audit-event";
import { hashPassword } from "@/lib/auth/password";
import { revokeUserSessions } from "@/lib/auth/revoke-user-sessions";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { CreateUserInput, ResetPasswordInput, SetUserDisabledInput, UpdateUserAccessInput } from "@/lib/users/schema";

async function assertSitesExist(db: Db, siteIds: string[]) {
  const found = await db.site.count({ where: { id: { in: siteIds } } });
  if (found !== new Set(siteIds).size) throw new AppError("NOT_FOUND");
}

export async function createUser(db: Db, actor: AuditActor, input: CreateUserInput) {
  await assertSitesExist(db, input.siteIds);
  if (await db.user.findUnique({ where: { email: input.email } })) throw new AppError("EMAIL_TAKEN");
  const passwordHash = await hashPassword(input.password);
  return db.$transaction(async (tx) => {
    const user = await tx.user.create({
      data: {
        email: input.email,
        name: input.name,
        role: input.role,
        locale: input.locale,
        passwordHash,
        sites: { create: [...new Set(input.siteIds)].map((siteId) => ({ siteId })) },
      },
    });
    await recordAuditEvent(tx, { ...actorFields(actor), action: "user.create", entityType: "User", entityId: user.id, details: { role: input.role, siteIds: input.siteIds } });
    return { id: user.id };
  });
}

// Role or site changes end the user's sessions, so they take effect at once.
export async function updateUserAccess(db: Db, actor: AuditActor, input: UpdateUserAccessInput) {
  if (input.userId === actor.id) throw new AppError("CANNOT_CHANGE_SELF");
  await assertSitesExist(db, input.siteIds);
  return db.$transaction(async (tx) => {
    const existing = await tx.user.findUnique({ where: { id: input.userId } });
    if (!existing) throw new AppError("NOT_FOUND");
    await tx.siteMembership.deleteMany({ where: { userId: input.userId } });
    await tx.user.update({
      where: { id: input.userId },
      data: { role: input.role, sites: { create: [...new Set(input.siteIds)].map((siteId) => ({ siteId })) } },
    });
    await revokeUserSessions(tx, input.userId, "access_change");
    await recordAuditEvent(tx, { ...actorFields(actor), action: "user.update_access", entityType: "User", entityId: input.userId, details: { fromRole: existing.role, toRole: input.role, siteIds: input.siteIds } });
    return { id: input.userId };
  });
}

export async function setUserDisabled(db: Db, actor: AuditActor, input: SetUserDisabledInput) {
  if (input.userId === actor.id) throw new AppError("CANNOT_CHANGE_SELF");
  return db.$transaction(async (tx) => {
    const updated = await tx.user.updateMany({
      where: { id: input.userId },
      data: { disabled: input.disabled, ...(input.disabled ? {} : { failedLoginCount: 0, lockedUntil: null }) },
    });
    if (updated.count === 0) throw new AppError("NOT_FOUND");
    if (input.disabled) await revokeUserSessions(tx, input.userId, "disabled");
    await recordAuditEvent(tx, { ...actorFields(actor), action: input.disabled ? "user.disable" : "user.enable", entityType: "User", entityId: input.userId });
    return { id: input.userId };
  });
}

export async function resetPassword(db: Db, actor: AuditActor, input: ResetPasswordInput) {
  const passwordHash = await hashPassword(input.password);
  return db.$transaction(async (tx) => {
    const updated = await tx.user.updateMany({
      where: { id: input.userId },
      data: { passwordHash, failedLoginCount: 0, lockedUntil: null },
    });
    if (updated.count === 0) throw new AppError("NOT_FOUND");
    await revokeUserSessions(tx, input.userId, "password_reset");
    await recordAuditEvent(tx, { ...actorFields(actor), action: "user.reset_password", entityType: "User", entityId: input.userId });
    return { id: input.userId };
  });
}

export function listUsers(db: Db) {
  return db.user.findMany({ orderBy: [{ role: "asc" }, { email: "asc" }], include: { sites: { select: { siteId: true } } } });
}
