import { errorResponse, guardedRoute, streamedResponse } from "@/lib/actions/route-handler";
import { exportAuditCsv } from "@/lib/audit/export-audit-log";
import { auditSearchSchema } from "@/lib/audit/schema";
import { db } from "@/lib/db/client";

/** The audit search as CSV (same filters as the page, within the viewer's sites), streamed in batches. The export itself is audited. */
export const GET = guardedRoute({ name: "audit.export_csv", permission: "audit:view", maxBodyBytes: 0 }, async (request, { user, requestId }) => {
  const parsed = auditSearchSchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!parsed.success) return errorResponse("INVALID_INPUT");
  const { page: _page, ...search } = parsed.data;
  const chunks = await exportAuditCsv(db(), { ...user, requestId }, search);
  const stamp = new Date().toISOString().slice(0, 19).replace(/[:T]/g, "-");
  return streamedResponse("audit.export_csv", requestId, chunks, {
    "content-type": "text/csv; charset=utf-8",
    "content-disposition": `attachment; filename="audit-log-${stamp}.csv"`,
    "cache-control": "private, no-store",
  });
});
