import "server-only";
import { actorFields, recordAuditEvent } from "@/lib/audit/record-audit-event";
import { pocScope, type Actor } from "@/lib/auth/site-scope";
import { csvCell, toCsv } from "@/lib/csv/csv";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { getKpiDashboard } from "@/lib/kpi/get-kpi-dashboard";
import { exportReadsLong, readsLongHeader } from "@/lib/kpi/export-reads-long";

/** Every KPI of one PoC the viewer reaches, with its interval, n, method, target and verdict, as CSV; the export is audited. */
export async function exportKpiCsv(db: Db, viewer: Actor, pocId: string): Promise<string> {
  const dashboard = await getKpiDashboard(db, viewer, pocId);
  await db.$transaction((tx) => recordAuditEvent(tx, { ...actorFields(viewer), action: "kpi.export_csv", entityType: "Poc", entityId: pocId }));
  const csv = toCsv(
    ["kpi", "horizon", "unit", "estimate", "ci95_lower", "ci95_upper", "n", "method", "target_comparator", "target_value", "status", "required_n", "additional_n"],
    dashboard.kpis.map((kpi) => [kpi.key, kpi.horizon, kpi.unit, kpi.estimate, kpi.lower, kpi.upper, kpi.n, kpi.method, kpi.target?.comparator, kpi.target?.value, kpi.status, kpi.requiredN, kpi.additionalN]),
  );
  return `\uFEFF${csv}`;
}

/**
 * Per-case reads of one PoC the viewer reaches, in the long format of reader-study software (iMRMC,
 * RJafroc), as CSV chunks to stream. The scope is checked and the export audited before the first chunk.
 */
export async function exportReadsCsv(db: Db, viewer: Actor, pocId: string): Promise<() => AsyncIterable<string>> {
  const poc = await db.poc.findFirst({ where: { id: pocId, ...pocScope(viewer) }, select: { id: true } });
  if (!poc) throw new AppError("NOT_FOUND");
  await db.$transaction((tx) => recordAuditEvent(tx, { ...actorFields(viewer), action: "kpi.export_reads", entityType: "Poc", entityId: poc.id }));
  return async function* chunks() {
    yield `${readsLongHeader.join(",")}\r\n`;
    for await (const rows of exportReadsLong(db, poc.id)) yield rows.map((row) => `${row.map(csvCell).join(",")}\r\n`).join("");
  };
}
