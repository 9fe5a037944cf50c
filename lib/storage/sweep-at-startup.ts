import "server-only";
import { db } from "@/lib/db/client";
import { sweepOrphanBlobs } from "./sweep-orphan-blobs";

/** Starts the orphan sweep in the background, so the server answers at once; logs counts only. */
export function sweepOrphanBlobsAtStartup(): void {
  sweepOrphanBlobs(db())
    .then(({ scannedFiles, removedFiles, removedBytes }) => {
      if (removedFiles > 0) console.log(`[storage] removed ${removedFiles} of ${scannedFiles} stored files that no row referenced (${removedBytes} bytes)`);
    })
    .catch((error: unknown) => console.error(`[storage] orphan sweep failed: ${error instanceof Error ? error.name : typeof error}`));
}
