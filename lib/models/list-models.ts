import "server-only";
import type { Db } from "@/lib/db/client";

/** Every registered model version with how often it is used, newest first (the models page). */
export function listModelVersions(db: Db) {
  return db.modelVersion.findMany({ orderBy: { createdAt: "desc" }, include: { _count: { select: { pocs: true, inferences: true } } } });
}

/** Models a new PoC may use. */
export function listActiveModelVersions(db: Db) {
  return db.modelVersion.findMany({ where: { status: "ACTIVE" }, orderBy: { createdAt: "desc" }, select: { id: true, name: true, version: true } });
}

/** One model version (its card), or null. */
export function findModelVersion(db: Db, modelId: string) {
  return db.modelVersion.findUnique({ where: { id: modelId } });
}
