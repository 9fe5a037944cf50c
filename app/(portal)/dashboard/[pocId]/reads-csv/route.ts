import { guardedRoute, streamedResponse } from "@/lib/actions/route-handler";
import { db } from "@/lib/db/client";
import { exportReadsCsv } from "@/lib/kpi/export-kpi-csv";

/** Per-case reads in the long format of reader-study software (iMRMC, RJafroc), streamed; audited. */
export const GET = guardedRoute({ name: "kpi.export_reads", permission: "kpi:view", maxBodyBytes: 0 }, async (_request, { user, requestId, params }) => {
  const chunks = await exportReadsCsv(db(), { ...user, requestId }, params.pocId);
  return streamedResponse("kpi.export_reads", requestId, chunks, { "content-type": "text/csv; charset=utf-8", "content-disposition": `attachment; filename="reads-${params.pocId}.csv"`, "cache-control": "private, no-store" });
});
