import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { requireRoutePermission, routeFailure } from "@/lib/auth/route-permission";
import { db } from "@/lib/db/client";
import { isAppError } from "@/lib/errors";
import { getKpiDashboard } from "@/lib/kpi/get-kpi-dashboard";
import { toCsv } from "@/lib/csv/csv";

/** Every KPI of one PoC with its interval, n, method, target and verdict; the export is audited. */
export async function GET(_request: Request, { params }: { params: Promise<{ pocId: string }> }): Promise<Response> {
  const access = await requireRoutePermission("kpi:view", "kpi.export_csv");
  if ("response" in access) return access.response;
  const { pocId } = await params;
  try {
    const dashboard = await getKpiDashboard(db(), access.user, pocId);
    await db().$transaction((tx) => recordAuditEvent(tx, { actorId: access.user.id, actorRole: access.user.role, requestId: access.requestId, action: "kpi.export_csv", entityType: "Poc", entityId: pocId }));
    const csv = toCsv(
      ["kpi", "horizon", "unit", "estimate", "ci95_lower", "ci95_upper", "n", "method", "target_comparator", "target_value", "status", "required_n", "additional_n", "estimable", "interval_method", "sample_n", "sample_needs", "precision_half_width", "analysis_unit"],
      dashboard.kpis.map((kpi) => [kpi.key, kpi.horizon, kpi.unit, kpi.estimate, kpi.lower, kpi.upper, kpi.n, kpi.method, kpi.target?.comparator, kpi.target?.value, kpi.status, kpi.requiredN, kpi.additionalN, kpi.estimable, kpi.sample.method, kpi.sample.n, kpi.sample.needs, kpi.precisionHalfWidth, kpi.analysisUnit ?? ""]),
    );
    return new Response(`\uFEFF${csv}`, { headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": `attachment; filename="kpi-${pocId}.csv"`, "cache-control": "private, no-store" } });
  } catch (error) {
    if (isAppError(error)) return routeFailure(error.code === "NOT_FOUND" ? 404 : 400, error.code);
    throw error;
  }
}
