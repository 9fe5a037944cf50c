import "server-only";
import { actorFields, recordAuditEvent } from "@/lib/audit/record-audit-event";
import { pocScope, type Actor } from "@/lib/auth/site-scope";
import { csvCell, toCsv } from "@/lib/csv/csv";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { getKpiDashboard } from "@/lib/kpi/get-kpi-dashboard";
import { exportReanalysis } from "@/lib/kpi/export-reanalysis";
import { reanalysisColumns, type ReanalysisRow } from "@/lib/kpi/reanalysis-dictionary";
import { dictionaryRows, toImrmc, toRjafrocCsv } from "@/lib/kpi/reanalysis-formats";

/** Every KPI of one PoC the viewer reaches, with its interval, n, method, target and verdict, as CSV; the export is audited. */
export async function exportKpiCsv(db: Db, viewer: Actor, pocId: string): Promise<string> {
  const dashboard = await getKpiDashboard(db, viewer, pocId);
  await db.$transaction((tx) => recordAuditEvent(tx, { ...actorFields(viewer), action: "kpi.export_csv", entityType: "Poc", entityId: pocId }));
  const csv = toCsv(
    ["kpi", "horizon", "unit", "estimate", "ci95_lower", "ci95_upper", "n", "method", "target_comparator", "target_value", "status", "required_n", "additional_n", "estimable", "interval_method", "sample_n", "sample_needs", "precision_half_width", "analysis_unit"],
    dashboard.kpis.map((kpi) => [kpi.key, kpi.horizon, kpi.unit, kpi.estimate, kpi.lower, kpi.upper, kpi.n, kpi.method, kpi.target?.comparator, kpi.target?.value, kpi.status, kpi.requiredN, kpi.additionalN, kpi.estimable, kpi.sample.method, kpi.sample.n, kpi.sample.needs, kpi.precisionHalfWidth, kpi.analysisUnit ?? ""]),
  );
  return `\uFEFF${csv}`;
}

export const reanalysisFormats = ["long", "dictionary", "imrmc", "rjafroc"] as const;
export type ReanalysisFormat = (typeof reanalysisFormats)[number];
type ReanalysisExport = { fileName: string; contentType: string; chunks: () => AsyncIterable<string> };

const csvType = "text/csv; charset=utf-8";
const csvLine = (row: readonly unknown[]) => `${row.map(csvCell).join(",")}\r\n`;

/**
 * The reanalysis data set of one PoC the viewer reaches: `long` (one row per read, every field, streamed),
 * `dictionary` (the columns explained), `imrmc` (iMRMC input) or `rjafroc` (RJafroc's MRMC CSV).
 * The scope is checked and the export audited before the first chunk.
 */
export async function exportReadsCsv(db: Db, viewer: Actor, pocId: string, format: ReanalysisFormat): Promise<ReanalysisExport> {
  const poc = await db.poc.findFirst({ where: { id: pocId, ...pocScope(viewer) }, select: { id: true } });
  if (!poc) throw new AppError("NOT_FOUND");
  await db.$transaction((tx) => recordAuditEvent(tx, { ...actorFields(viewer), action: "kpi.export_reads", entityType: "Poc", entityId: poc.id, details: { format } }));
  const allRows = async () => {
    const rows: ReanalysisRow[] = [];
    for await (const batch of exportReanalysis(db, poc.id)) rows.push(...batch);
    return rows;
  };
  switch (format) {
    case "dictionary":
      return { fileName: `reads-${poc.id}-dictionary.csv`, contentType: csvType, chunks: async function* () { yield dictionaryRows().map(csvLine).join(""); } };
    case "imrmc":
      return { fileName: `reads-${poc.id}.imrmc`, contentType: "text/plain; charset=utf-8", chunks: async function* () { yield toImrmc(await allRows(), `PoC ${poc.id}: reader study export (MMFM PoC portal)`); } };
    case "rjafroc":
      return { fileName: `reads-${poc.id}-rjafroc.csv`, contentType: csvType, chunks: async function* () { yield toRjafrocCsv(await allRows()); } };
    case "long":
      return {
        fileName: `reads-${poc.id}.csv`,
        contentType: csvType,
        chunks: async function* () {
          yield csvLine(reanalysisColumns.map((column) => column.name));
          for await (const rows of exportReanalysis(db, poc.id)) yield rows.map((row) => csvLine(reanalysisColumns.map((column) => row[column.name]))).join("");
        },
      };
  }
}
