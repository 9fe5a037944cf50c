import "server-only";
import type { Db, Tx } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { Actor } from "@/lib/auth/site-scope";
import { pocScope } from "@/lib/auth/site-scope";

/** A deployment the actor's sites cover, or NOT_FOUND (never "forbidden": its existence is not disclosed). */
export async function findDeploymentInScope(db: Db | Tx, actor: Pick<Actor, "role" | "siteIds">, deploymentId: string) {
  const deployment = await db.deployment.findFirst({
    where: { id: deploymentId, poc: pocScope(actor) },
    select: { id: true, pocId: true, periodLength: true, adoptedAt: true, baseline: true, modelVersionId: true, isDemo: true, poc: { select: { title: true, siteId: true } } },
  });
  if (!deployment) throw new AppError("NOT_FOUND");
  return deployment;
}
