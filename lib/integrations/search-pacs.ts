import "server-only";
import { actorFields, recordAuditEvent } from "@/lib/audit/record-audit-event";
import { pocScope, type Actor as Clinician } from "@/lib/auth/site-scope";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { searchStudies, type StudySummary } from "@/lib/pacs/dicomweb-client";
import type { StudySearchInput } from "./schema";
import { loadSiteConnections } from "./site-integration";

const compactDate = (date: string) => date.replaceAll("-", "");

/**
 * QIDO-RS search of the PoC's site PACS. The identifiers in the answer go to this browser response
 * only: nothing here stores or logs them, and the audit event records who searched, which criteria
 * were used (names, not values) and how many studies came back.
 */
export async function searchPocPacs(db: Db, clinician: Clinician, input: StudySearchInput): Promise<StudySummary[]> {
  const poc = await db.poc.findFirst({ where: { id: input.pocId, ...pocScope(clinician) }, select: { id: true, siteId: true } });
  if (!poc) throw new AppError("NOT_FOUND");
  const { pacs } = await loadSiteConnections(db, poc.siteId);
  if (!pacs) throw new AppError("PACS_NOT_CONFIGURED");
  const criteria = { accessionNumber: input.accessionNumber, patientId: input.patientId, studyDateFrom: compactDate(input.studyDateFrom), studyDateTo: compactDate(input.studyDateTo), modality: input.modality, studyDescription: input.studyDescription };
  let results: StudySummary[] = [];
  let outcome: "SUCCESS" | "FAILURE" = "SUCCESS";
  try {
    results = await searchStudies(pacs, { ...Object.fromEntries(Object.entries(criteria).filter(([, value]) => value !== "")), limit: 100 });
    return results;
  } catch (error) {
    outcome = "FAILURE";
    throw error;
  } finally {
    await db.$transaction((tx) =>
      recordAuditEvent(tx, {
        ...actorFields(clinician),
        action: "pacs.search",
        entityType: "Poc",
        entityId: poc.id,
        outcome,
        details: { criteria: Object.keys(criteria).filter((key) => criteria[key as keyof typeof criteria] !== ""), results: results.length },
      }),
    );
  }
}
