import "server-only";
import { actorFields, recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { Db } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import { AppError } from "@/lib/errors";
import { pocScope, type Actor } from "@/lib/auth/site-scope";
import { aiThreshold } from "./kpi-aggregates";

export const drilldownKinds = ["aiFalseNegative", "aiFalsePositive", "changedAfterAi", "discrepancyAided", "discrepancyUnaided", "repeatExam"] as const;
export type DrilldownKind = (typeof drilldownKinds)[number];
const shownCases = 200;

function caseFilter(kind: DrilldownKind): Prisma.CaseWhereInput {
  const completed = { status: "COMPLETED" as const };
  switch (kind) {
    case "aiFalseNegative":
      return { outcome: { referencePresent: true }, inferences: { some: { status: "SUCCEEDED", probability: { lt: aiThreshold } } } };
    case "aiFalsePositive":
      return { outcome: { referencePresent: false }, inferences: { some: { status: "SUCCEEDED", probability: { gte: aiThreshold } } } };
    case "changedAfterAi":
      return { reads: { some: { ...completed, arm: "AIDED", changedAfterAi: true } } };
    case "discrepancyAided":
    case "discrepancyUnaided": {
      const arm = kind === "discrepancyAided" ? "AIDED" : "UNAIDED";
      return { OR: [{ outcome: { referencePresent: true }, reads: { some: { ...completed, arm, finalCall: false } } }, { outcome: { referencePresent: false }, reads: { some: { ...completed, arm, finalCall: true } } }] };
    }
    case "repeatExam":
      return { outcome: { repeatExamOrdered: true } };
  }
}

/** De-identified case codes behind a KPI number; the listing itself is audited like a case view. */
export async function listCasesBehind(db: Db, viewer: Actor, pocId: string, kind: DrilldownKind) {
  const poc = await db.poc.findFirst({ where: { id: pocId, ...pocScope(viewer) }, select: { id: true, title: true } });
  if (!poc) throw new AppError("NOT_FOUND");
  const where: Prisma.CaseWhereInput = { pocId, ...caseFilter(kind) };
  const [total, cases] = await Promise.all([
    db.case.count({ where }),
    db.case.findMany({ where, orderBy: { code: "asc" }, take: shownCases, select: { code: true, modality: true } }),
  ]);
  await db.$transaction((tx) => recordAuditEvent(tx, { ...actorFields(viewer), action: "case.list", entityType: "Poc", entityId: pocId, details: { kind, shown: cases.length, total } }));
  return { poc, total, cases };
}
