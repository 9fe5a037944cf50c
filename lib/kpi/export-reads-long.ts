import "server-only";
import type { Db } from "@/lib/db/client";

export const readsLongHeader = ["readerID", "caseID", "modalityID", "truth", "score"];

/**
 * Completed reads in the long format reader-study software expects (iMRMC, RJafroc): one row per
 * reader × case × arm; truth 1/0 from the reference standard; score 0–100 on the "finding present"
 * scale (confidence in a positive call, 100 − confidence in a negative one). Readers are pseudonymous.
 */
export async function* exportReadsLong(db: Db, pocId: string, batchSize = 5_000): AsyncGenerator<unknown[][]> {
  const readers = await db.read.findMany({ where: { case: { pocId }, status: "COMPLETED" }, distinct: ["readerId"], select: { readerId: true }, orderBy: { readerId: "asc" } });
  const readerCode = new Map(readers.map((read, index) => [read.readerId, `R${index + 1}`]));
  let cursor: string | undefined;
  for (;;) {
    const reads = await db.read.findMany({
      where: { case: { pocId }, status: "COMPLETED", finalCall: { not: null } },
      orderBy: { id: "asc" },
      take: batchSize,
      ...(cursor ? { skip: 1, cursor: { id: cursor } } : {}),
      select: { id: true, readerId: true, arm: true, finalCall: true, confidence: true, case: { select: { code: true, outcome: { select: { referencePresent: true } } } } },
    });
    if (reads.length === 0) return;
    yield reads.map((read) => {
      const confidence = read.confidence ?? 50;
      return [readerCode.get(read.readerId), read.case.code, read.arm, read.case.outcome ? Number(read.case.outcome.referencePresent) : "", read.finalCall ? confidence : 100 - confidence];
    });
    cursor = reads[reads.length - 1]!.id;
  }
}
