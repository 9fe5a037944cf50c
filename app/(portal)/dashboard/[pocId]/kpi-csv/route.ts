import { guardedRoute } from "@/lib/actions/route-handler";
import { db } from "@/lib/db/client";
import { exportKpiCsv } from "@/lib/kpi/export-kpi-csv";

/** Every KPI of one PoC with its interval, n, method, target and verdict; the export is audited. */
export const GET = guardedRoute({ name: "kpi.export_csv", permission: "kpi:view", maxBodyBytes: 0 }, async (_request, { user, requestId, params }) => {
  const csv = await exportKpiCsv(db(), { ...user, requestId }, params.pocId);
  return new Response(csv, { headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": `attachment; filename="kpi-${params.pocId}.csv"`, "cache-control": "private, no-store" } });
});
