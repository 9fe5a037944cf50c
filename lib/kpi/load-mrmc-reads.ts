import "server-only";
import type { Db } from "@/lib/db/client";
import type { MrmcRead } from "@/lib/stats/jackknife-figures";

type Columns = { reader: string[]; caseKey: string[]; arm: ("UNAIDED" | "AIDED")[]; truth: (boolean | null)[]; call: (boolean | null)[]; confidence: (number | null)[]; activeMs: (number | null)[] };

/**
 * Every completed read of a PoC as the MRMC analysis needs it, in one statement and one row of column
 * arrays (decoding a million rows one by one costs more than the query). The score is the confidence on
 * the "finding present" scale; a read without a recorded confidence has no score (never a made-up 50).
 */
export async function loadMrmcReads(db: Db, pocId: string): Promise<MrmcRead[]> {
  const [row] = await db.$queryRaw<[{ columns: Columns | null }]>`
    SELECT json_build_object(
      'reader', array_agg(r."readerId"), 'caseKey', array_agg(r."caseId"), 'arm', array_agg(r.arm::text), 'truth', array_agg(o."referencePresent"),
      'call', array_agg(r."finalCall"), 'confidence', array_agg(r.confidence), 'activeMs', array_agg(r."activeMs")) AS columns
    FROM "Read" r JOIN "Case" c ON c.id = r."caseId" LEFT JOIN "Outcome" o ON o."caseId" = c.id
    WHERE c."pocId" = ${pocId} AND r.status = 'COMPLETED'`;
  const columns = row?.columns;
  if (!columns || !columns.reader) return [];
  return columns.reader.map((reader, index) => {
    const call = columns.call[index] ?? null;
    const confidence = columns.confidence[index] ?? null;
    return {
      reader, caseKey: columns.caseKey[index]!, arm: columns.arm[index]!, truth: columns.truth[index] ?? null, call,
      score: call === null || confidence === null ? null : call ? confidence : 100 - confidence,
      activeMs: columns.activeMs[index] ?? null,
    };
  });
}
