import { z } from "zod";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { requireRoutePermission, routeFailure } from "@/lib/auth/route-permission";
import { db } from "@/lib/db/client";
import { csvCell } from "@/lib/csv/csv";
import { exportReanalysis } from "@/lib/kpi/export-reanalysis";
import { reanalysisColumns, type ReanalysisRow } from "@/lib/kpi/reanalysis-dictionary";
import { dictionaryRows, toImrmc, toRjafrocCsv } from "@/lib/kpi/reanalysis-formats";
import { pocScope } from "@/lib/pocs/list-pocs";

const formatSchema = z.enum(["long", "dictionary", "imrmc", "rjafroc"]).catch("long");
const csvLine = (row: readonly unknown[]) => `${row.map(csvCell).join(",")}\r\n`;

/**
 * The reanalysis data set of a PoC, audited: ?format=long (default; one row per read, every field, streamed),
 * dictionary (the columns explained), imrmc (iMRMC input file) or rjafroc (RJafroc's MRMC CSV).
 */
export async function GET(request: Request, { params }: { params: Promise<{ pocId: string }> }): Promise<Response> {
  const access = await requireRoutePermission("kpi:view", "kpi.export_reads");
  if ("response" in access) return access.response;
  const { pocId } = await params;
  const format = formatSchema.parse(new URL(request.url).searchParams.get("format") ?? "long");
  const poc = await db().poc.findFirst({ where: { id: pocId, ...pocScope(access.user) }, select: { id: true, title: true } });
  if (!poc) return routeFailure(404, "NOT_FOUND");
  await db().$transaction((tx) => recordAuditEvent(tx, { actorId: access.user.id, actorRole: access.user.role, requestId: access.requestId, action: "kpi.export_reads", entityType: "Poc", entityId: pocId, details: { format } }));
  const headers = (name: string, type = "text/csv; charset=utf-8") => ({ "content-type": type, "content-disposition": `attachment; filename="${name}"`, "cache-control": "private, no-store" });
  if (format === "dictionary") return new Response(dictionaryRows().map(csvLine).join(""), { headers: headers(`reads-${pocId}-dictionary.csv`) });
  if (format === "imrmc" || format === "rjafroc") {
    const rows: ReanalysisRow[] = [];
    for await (const batch of exportReanalysis(db(), pocId)) rows.push(...batch);
    return format === "imrmc"
      ? new Response(toImrmc(rows, `PoC ${poc.id}: reader study export (MMFM PoC portal)`), { headers: headers(`reads-${pocId}.imrmc`, "text/plain; charset=utf-8") })
      : new Response(toRjafrocCsv(rows), { headers: headers(`reads-${pocId}-rjafroc.csv`) });
  }
  const encoder = new TextEncoder();
  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      try {
        controller.enqueue(encoder.encode(csvLine(reanalysisColumns.map((column) => column.name))));
        for await (const rows of exportReanalysis(db(), pocId)) controller.enqueue(encoder.encode(rows.map((row) => csvLine(reanalysisColumns.map((column) => row[column.name]))).join("")));
        controller.close();
      } catch (error) {
        console.error(`[route reads export] request ${access.requestId} failed: ${error instanceof Error ? error.name : typeof error}`);
        controller.error(error);
      }
    },
  });
  return new Response(stream, { headers: headers(`reads-${pocId}.csv`) });
}
