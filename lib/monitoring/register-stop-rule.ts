import "server-only";
import { actorFields, recordAuditEvent } from "@/lib/audit/record-audit-event";
import { verifyPassword } from "@/lib/auth/password";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { Actor } from "@/lib/auth/site-scope";
import { findDeploymentInScope } from "./find-deployment";
import type { RegisterStopRuleInput } from "./schema";

/**
 * Pre-registers a stop rule, signed like a checklist item: the compliance officer's password is
 * confirmed at this moment, and the rule is never edited afterwards (a new rule replaces nothing).
 */
export async function registerStopRule(db: Db, actor: Actor, input: RegisterStopRuleInput, now = new Date()) {
  const deployment = await findDeploymentInScope(db, actor, input.deploymentId);
  const signer = await db.user.findUnique({ where: { id: actor.id }, omit: { passwordHash: false } });
  const confirmed = Boolean(signer && !signer.disabled && (await verifyPassword(input.password, signer.passwordHash)));
  if (!confirmed) {
    await db.$transaction((tx) =>
      recordAuditEvent(tx, { ...actorFields(actor), action: "monitoring.stop_rule_register", entityType: "Deployment", entityId: deployment.id, outcome: "DENIED", details: { pocId: deployment.pocId, reason: "password_not_confirmed" } }),
    );
    throw new AppError("SIGN_OFF_PASSWORD_INVALID");
  }
  return db.$transaction(async (tx) => {
    const rule = await tx.stopRule.create({
      data: {
        deploymentId: deployment.id,
        kind: input.kind,
        dimension: input.kind === "INPUT_DRIFT" ? input.dimension! : null,
        threshold: input.threshold,
        statement: input.statement,
        signedById: actor.id,
        signedAt: now,
      },
      select: { id: true },
    });
    await recordAuditEvent(tx, {
      ...actorFields(actor),
      action: "monitoring.stop_rule_register",
      entityType: "Deployment",
      entityId: deployment.id,
      details: { pocId: deployment.pocId, ruleId: rule.id, kind: input.kind, dimension: input.dimension ?? null, threshold: input.threshold },
    });
    return rule;
  });
}
