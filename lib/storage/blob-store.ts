import { createHash, randomUUID } from "node:crypto";
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import { resolveDataPath, serverEnv } from "@/lib/config/env";

export type StoredBlob = { sha256: string; storagePath: string; sizeBytes: number };

export function storageRoot(): string {
  return resolveDataPath(serverEnv().STORAGE_DIR);
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/**
 * Content-addressed storage: the path is derived from the bytes' sha256, so a file is written once
 * and a stored path can always be checked against its content. Writes go to a temporary name first
 * and are renamed into place, so a crash never leaves a half-written file under a real name.
 */
export async function storeBlob(kind: "models" | "images" | "overlays" | "evidence", bytes: Uint8Array, extension: string): Promise<StoredBlob> {
  const sha256 = sha256Hex(bytes);
  const storagePath = path.posix.join(kind, sha256.slice(0, 2), `${sha256}${extension}`);
  const absolute = path.join(storageRoot(), storagePath);
  await mkdir(path.dirname(absolute), { recursive: true });
  const temporary = `${absolute}.${randomUUID()}.tmp`;
  await writeFile(temporary, bytes);
  await rename(temporary, absolute);
  return { sha256, storagePath, sizeBytes: bytes.byteLength };
}

export async function readBlob(storagePath: string): Promise<Buffer> {
  const absolute = path.resolve(storageRoot(), storagePath);
  // Stored paths come from the database, but never let one escape the storage root.
  if (!absolute.startsWith(storageRoot() + path.sep)) throw new Error("storage path outside the storage root");
  return readFile(absolute);
}

export function absoluteBlobPath(storagePath: string): string {
  return path.join(storageRoot(), storagePath);
}
