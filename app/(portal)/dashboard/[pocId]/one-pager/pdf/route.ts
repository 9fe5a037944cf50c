import { guardedRoute } from "@/lib/actions/route-handler";
import { db } from "@/lib/db/client";
import { recordReportExport } from "@/lib/reporting/record-report-export";
import { renderPdf, forwardedHeaders } from "@/lib/reporting/render-with-chromium";
import { loadPocDashboard } from "../../../load-poc-dashboard";

/** The one-pager as an A4 PDF rendered on the server by Chromium, in the viewer's language; audited. */
export const GET = guardedRoute({ name: "report.export_pdf", permission: "kpi:view", maxBodyBytes: 0 }, async (request, { user, requestId, params }) => {
  const pocId = params.pocId!;
  // Refuses a PoC outside the viewer's sites (NOT_FOUND) before any browser starts.
  await loadPocDashboard(user, pocId);
  const pdf = await renderPdf(`/dashboard/${encodeURIComponent(pocId)}/one-pager`, forwardedHeaders(request));
  await recordReportExport(db(), { ...user, requestId }, "report.export_pdf", pocId);
  return new Response(new Uint8Array(pdf), { headers: { "content-type": "application/pdf", "content-disposition": `attachment; filename="one-pager-${pocId}.pdf"`, "cache-control": "private, no-store" } });
});
