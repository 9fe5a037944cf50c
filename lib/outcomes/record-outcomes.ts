import "server-only";
import { actorFields, recordAuditEvent } from "@/lib/audit/record-audit-event";
import { caseScope, pocScope, type Actor } from "@/lib/auth/site-scope";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { updateCaseKpis } from "@/lib/kpi/kpi-rollups";
import type { RecordOutcomeInput } from "@/lib/outcomes/schema";
import { validateOutcomeCsv, type CsvRowError } from "@/lib/outcomes/validate-outcome-csv";

export async function recordOutcome(db: Db, recorder: Actor, input: RecordOutcomeInput) {
  const { caseId, ...fields } = input;
  return db.$transaction(async (tx) => {
    const found = await tx.case.findFirst({ where: { id: caseId, ...caseScope(recorder) }, select: { id: true, pocId: true } });
    if (!found) throw new AppError("NOT_FOUND");
    const outcome = await updateCaseKpis(tx, { pocId: found.pocId, caseIds: [caseId] }, () => tx.outcome.upsert({
      where: { caseId },
      create: { caseId, ...fields, recordedById: recorder.id },
      update: { ...fields, recordedById: recorder.id },
    }));
    await recordAuditEvent(tx, { ...actorFields(recorder), action: "outcome.record", entityType: "Case", entityId: caseId });
    return { outcomeId: outcome.id };
  });
}

export type OutcomeImportResult = { ok: true; imported: number } | { ok: false; errors: CsvRowError[] };

/** All or nothing: every row must parse and name a case of this PoC, or nothing is written. */
export async function importOutcomes(db: Db, recorder: Actor, pocId: string, csv: string): Promise<OutcomeImportResult> {
  const poc = await db.poc.findFirst({ where: { id: pocId, ...pocScope(recorder) }, select: { id: true } });
  if (!poc) throw new AppError("NOT_FOUND");
  const { rows, errors } = validateOutcomeCsv(csv);
  const cases = await db.case.findMany({ where: { pocId, code: { in: rows.map((row) => row.caseCode) } }, select: { id: true, code: true } });
  const caseIdByCode = new Map(cases.map((item) => [item.code, item.id]));
  for (const row of rows) if (!caseIdByCode.has(row.caseCode)) errors.push({ row: row.line, column: "caseCode", code: "unknown_case" });
  if (errors.length > 0) {
    await db.$transaction((tx) => recordAuditEvent(tx, { ...actorFields(recorder), action: "outcome.import", entityType: "Poc", entityId: pocId, outcome: "FAILURE", details: { rows: rows.length, errors: errors.length } }));
    return { ok: false, errors: errors.sort((a, b) => a.row - b.row) };
  }
  await db.$transaction(async (tx) => {
    await updateCaseKpis(tx, { pocId, caseIds: cases.map((item) => item.id) }, async () => {
      for (const { caseCode, line: _line, ...fields } of rows) {
        const caseId = caseIdByCode.get(caseCode)!;
        await tx.outcome.upsert({ where: { caseId }, create: { caseId, ...fields, recordedById: recorder.id }, update: { ...fields, recordedById: recorder.id } });
      }
    });
    await recordAuditEvent(tx, { ...actorFields(recorder), action: "outcome.import", entityType: "Poc", entityId: pocId, details: { rows: rows.length } });
  });
  return { ok: true, imported: rows.length };
}

