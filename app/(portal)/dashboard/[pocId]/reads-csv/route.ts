import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { requireRoutePermission, routeFailure } from "@/lib/auth/route-permission";
import { db } from "@/lib/db/client";
import { exportReadsLong, readsLongHeader } from "@/lib/kpi/export-reads-long";
import { csvCell } from "@/lib/csv/csv";
import { pocScope } from "@/lib/pocs/list-pocs";

/** Per-case reads in the long format of reader-study software (iMRMC, RJafroc), streamed; audited. */
export async function GET(_request: Request, { params }: { params: Promise<{ pocId: string }> }): Promise<Response> {
  const access = await requireRoutePermission("kpi:view", "kpi.export_reads");
  if ("response" in access) return access.response;
  const { pocId } = await params;
  const poc = await db().poc.findFirst({ where: { id: pocId, ...pocScope(access.user) }, select: { id: true } });
  if (!poc) return routeFailure(404, "NOT_FOUND");
  await db().$transaction((tx) => recordAuditEvent(tx, { actorId: access.user.id, actorRole: access.user.role, requestId: access.requestId, action: "kpi.export_reads", entityType: "Poc", entityId: pocId }));
  const encoder = new TextEncoder();
  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      try {
        controller.enqueue(encoder.encode(`${readsLongHeader.join(",")}\r\n`));
        for await (const rows of exportReadsLong(db(), pocId)) controller.enqueue(encoder.encode(rows.map((row) => `${row.map(csvCell).join(",")}\r\n`).join("")));
        controller.close();
      } catch (error) {
        console.error(`[route reads export] request ${access.requestId} failed: ${error instanceof Error ? error.name : typeof error}`);
        controller.error(error);
      }
    },
  });
  return new Response(stream, { headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": `attachment; filename="reads-${pocId}.csv"`, "cache-control": "private, no-store" } });
}
