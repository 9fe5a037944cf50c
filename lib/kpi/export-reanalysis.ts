import "server-only";
import type { Db } from "@/lib/db/client";
import { aiThreshold } from "./kpi-aggregates";
import type { ReanalysisRow } from "./reanalysis-dictionary";

type ReadRow = {
  id: string; readerId: string; caseCode: string; imagingModality: string; arm: "UNAIDED" | "AIDED"; period: number; sequence: string | null; readingDesign: string;
  truth: boolean | null; referenceSource: string | null; finalCall: boolean | null; firstCall: boolean | null; confidence: number | null; totalMs: number | null; activeMs: number | null;
  aiScore: number | null; aiOpened: boolean | null; changedAfterAi: boolean | null; usefulness: number | null;
  repeatExamOrdered: boolean | null; repeatExamAvoidable: boolean | null; timeToTreatmentHours: number | null; readmitted30d: boolean | null; complication: boolean | null; patientSatisfaction: number | null;
  site: string; month: string; ageBand: string | null; sex: string | null; scannerVendor: string | null;
};

const flag = (value: boolean | null) => (value === null ? null : value ? 1 : 0);

/**
 * Every completed read of a PoC in the reanalysis format (lib/kpi/reanalysis-dictionary.ts), in batches by
 * read id. Reader codes and case numbers are assigned over the whole PoC first, so batches agree.
 */
export async function* exportReanalysis(db: Db, pocId: string, batchSize = 5_000): AsyncGenerator<ReanalysisRow[]> {
  const readers = await db.read.findMany({ where: { case: { pocId }, status: "COMPLETED" }, distinct: ["readerId"], select: { readerId: true }, orderBy: { readerId: "asc" } });
  const readerCode = new Map(readers.map((read, index) => [read.readerId, `R${index + 1}`]));
  const cases = await db.case.findMany({ where: { pocId, reads: { some: { status: "COMPLETED" } } }, select: { code: true }, orderBy: { code: "asc" } });
  const caseNumber = new Map(cases.map((item, index) => [item.code, index + 1]));
  let cursor = "";
  for (;;) {
    const rows = await db.$queryRaw<ReadRow[]>`
      SELECT r.id, r."readerId", c.code AS "caseCode", c.modality AS "imagingModality", r.arm::text AS arm, r.period, p."readingDesign"::text AS "readingDesign",
        (SELECT string_agg(CASE WHEN r2.arm = 'AIDED' THEN 'A' ELSE 'U' END, '' ORDER BY r2.period) FROM "Read" r2 WHERE r2."caseId" = r."caseId" AND r2."readerId" = r."readerId") AS sequence,
        o."referencePresent" AS truth, o."referenceSource", r."finalCall", r."firstCall", r.confidence, r."totalMs", r."activeMs",
        (SELECT i.probability FROM "Inference" i WHERE i."caseId" = c.id AND i.status = 'SUCCEEDED' AND i.probability IS NOT NULL ORDER BY i."createdAt" DESC, i.id DESC LIMIT 1) AS "aiScore",
        r."aiOpened", r."changedAfterAi", r.usefulness, o."repeatExamOrdered", o."repeatExamAvoidable", o."timeToTreatmentHours", o."readmitted30d", o.complication, o."patientSatisfaction",
        s.code AS site, to_char(coalesce(r."endedAt", r."assignedAt"), 'YYYY-MM') AS month, c."ageBand", c.sex, c."scannerVendor"
      FROM "Read" r JOIN "Case" c ON c.id = r."caseId" JOIN "Poc" p ON p.id = c."pocId" JOIN "Site" s ON s.id = p."siteId" LEFT JOIN "Outcome" o ON o."caseId" = c.id
      WHERE c."pocId" = ${pocId} AND r.status = 'COMPLETED' AND r.id > ${cursor}
      ORDER BY r.id LIMIT ${batchSize}`;
    if (rows.length === 0) return;
    yield rows.map((row) => ({
      reader: readerCode.get(row.readerId)!, readerExperienceBand: null, caseCode: row.caseCode, caseNumber: caseNumber.get(row.caseCode)!, arm: row.arm,
      imagingModality: row.imagingModality, readingDesign: row.readingDesign, period: row.period, sequence: row.sequence, truth: flag(row.truth), referenceSource: row.referenceSource,
      call: flag(row.finalCall), firstCall: flag(row.firstCall), confidence: row.confidence,
      scorePresent: row.finalCall === null || row.confidence === null ? null : row.finalCall ? row.confidence : 100 - row.confidence,
      totalMs: row.totalMs, activeMs: row.activeMs, aiScore: row.aiScore, aiThreshold, aiOpened: flag(row.aiOpened), changedAfterAi: flag(row.changedAfterAi), usefulness: row.usefulness,
      repeatExamOrdered: flag(row.repeatExamOrdered), repeatExamAvoidable: flag(row.repeatExamAvoidable), timeToTreatmentHours: row.timeToTreatmentHours,
      readmitted30d: flag(row.readmitted30d), complication: flag(row.complication), patientSatisfaction: row.patientSatisfaction,
      site: row.site, month: row.month, ageBand: row.ageBand, sex: row.sex, scannerVendor: row.scannerVendor,
    }));
    cursor = rows[rows.length - 1]!.id;
  }
}
