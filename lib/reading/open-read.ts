import "server-only";
import type { Actor } from "@/lib/auth/site-scope";
import type { Db } from "@/lib/db/client";
import { loadReleasedAiOutput } from "@/lib/reading/load-ai-output";
import { startRead } from "@/lib/reading/manage-reads";

/**
 * What the reading page shows: the reader's own read (its clock (re)started, the view audited), the
 * case, and the AI output only when the blinding rule releases it. NOT_FOUND for another reader's or
 * another site's read.
 */
export async function openRead(db: Db, reader: Actor, readId: string, now = new Date()) {
  const read = await startRead(db, reader, { readId }, now);
  const item = await db.case.findUniqueOrThrow({ where: { id: read.caseId }, include: { images: { orderBy: { createdAt: "asc" } }, poc: { include: { modelVersion: true } } } });
  const { output } = await loadReleasedAiOutput(db, reader, item.id, now);
  return { read, item, secondReader: read.arm === "AIDED" && item.poc.aiMode === "SECOND_READER", aiOutput: output };
}
