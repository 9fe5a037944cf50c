import { auditCsvHeader, auditCsvLine } from "@/lib/audit/audit-csv";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { auditSearchSchema } from "@/lib/audit/schema";
import { actorDirectory, iterateAuditEvents } from "@/lib/audit/search-audit-events";
import { requireRoutePermission, routeFailure } from "@/lib/auth/route-permission";
import { db } from "@/lib/db/client";
import type { AuditEvent } from "@/lib/db/generated/client";

/** The audit search as CSV (same filters as the page), streamed in batches. The export itself is audited. */
export async function GET(request: Request): Promise<Response> {
  const access = await requireRoutePermission("audit:view", "audit.export_csv");
  if ("response" in access) return access.response;
  const parsed = auditSearchSchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!parsed.success) return routeFailure(400, "INVALID_INPUT");
  const { page: _page, ...search } = parsed.data;
  await db().$transaction((tx) =>
    recordAuditEvent(tx, { actorId: access.user.id, actorRole: access.user.role, requestId: access.requestId, action: "audit.export_csv", details: { filters: search } }),
  );
  const encoder = new TextEncoder();
  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      try {
        // A byte-order mark lets spreadsheet software read the UTF-8 (Japanese names) correctly.
        controller.enqueue(encoder.encode(`\uFEFF${auditCsvHeader.join(",")}\r\n`));
        let batch: AuditEvent[] = [];
        // Looks up the batch's actors once, then writes its lines.
        const flush = async () => {
          if (batch.length === 0) return;
          const actors = await actorDirectory(db(), batch.map((event) => event.actorId));
          controller.enqueue(encoder.encode(batch.map((event) => `${auditCsvLine(event, event.actorId ? (actors.get(event.actorId)?.email ?? null) : null)}\r\n`).join("")));
          batch = [];
        };
        for await (const event of iterateAuditEvents(db(), search)) {
          batch.push(event);
          if (batch.length >= 2000) await flush();
        }
        await flush();
        controller.close();
      } catch (error) {
        console.error(`[route audit export] request ${access.requestId} failed: ${error instanceof Error ? error.name : typeof error}`);
        controller.error(error);
      }
    },
  });
  const stamp = new Date().toISOString().slice(0, 19).replace(/[:T]/g, "-");
  return new Response(stream, {
    headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": `attachment; filename="audit-log-${stamp}.csv"`, "cache-control": "private, no-store" },
  });
}
