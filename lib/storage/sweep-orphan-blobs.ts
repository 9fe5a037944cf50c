import "server-only";
import { readdir, stat, unlink } from "node:fs/promises";
import path from "node:path";
import type { Db } from "@/lib/db/client";
import { storageRoot } from "./blob-store";

const blobKinds = ["images", "overlays", "evidence", "models"] as const;

export type SweepResult = { scannedFiles: number; removedFiles: number; removedBytes: number };

export type SweepOptions = {
  /** Files younger than this are kept: a submission writes its files before its rows. Default 1 h. */
  graceMs?: number;
  now?: Date;
};

async function listFiles(directory: string): Promise<string[]> {
  const entries = await readdir(directory, { withFileTypes: true, recursive: true }).catch(() => []);
  return entries.filter((entry) => entry.isFile()).map((entry) => path.join(entry.parentPath, entry.name));
}

async function referencedPaths(db: Db): Promise<Set<string>> {
  const [images, inferences, evidence, models] = await Promise.all([
    db.caseImage.findMany({ select: { storagePath: true } }),
    db.inference.findMany({ where: { overlayPath: { not: null } }, select: { overlayPath: true } }),
    db.evidence.findMany({ where: { storagePath: { not: null } }, select: { storagePath: true } }),
    db.modelVersion.findMany({ select: { storagePath: true } }),
  ]);
  return new Set([...images.map((row) => row.storagePath), ...inferences.map((row) => row.overlayPath), ...evidence.map((row) => row.storagePath), ...models.map((row) => row.storagePath)].filter((value): value is string => value !== null));
}

/**
 * Removes stored files that no database row points to (a crash or a refused request between the
 * file write and the row insert, or a temporary file a crash left behind), once they are older than
 * the grace period. Only counts are returned: a path is a content hash, but it is not logged either.
 */
export async function sweepOrphanBlobs(db: Db, { graceMs = 60 * 60 * 1000, now = new Date() }: SweepOptions = {}): Promise<SweepResult> {
  const root = storageRoot();
  // Listed before the rows are read, so a file whose row lands in between counts as referenced.
  const files = (await Promise.all(blobKinds.map((kind) => listFiles(path.join(/*turbopackIgnore: true*/ root, kind))))).flat();
  const referenced = await referencedPaths(db);
  const result: SweepResult = { scannedFiles: files.length, removedFiles: 0, removedBytes: 0 };
  for (const file of files) {
    const storagePath = path.relative(root, file).split(path.sep).join("/");
    if (referenced.has(storagePath)) continue;
    const info = await stat(file).catch(() => null);
    if (!info || now.getTime() - info.mtimeMs < graceMs) continue;
    await unlink(file).catch(() => undefined);
    result.removedFiles += 1;
    result.removedBytes += info.size;
  }
  return result;
}
