import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { guardedRoute } from "@/lib/actions/route-handler";
import { db } from "@/lib/db/client";
import { recordReportExport } from "@/lib/reporting/record-report-export";
import { buildBoardDeck } from "@/lib/reporting/build-board-deck";
import { captureFigures, forwardedHeaders } from "@/lib/reporting/render-with-chromium";
import { loadPocDashboard } from "../../../load-poc-dashboard";
import { boardDeckContent } from "./board-deck-content";

/** The one-pager as a PowerPoint deck (charts as pictures, method notes), in the viewer's language; audited. */
export const GET = guardedRoute({ name: "report.export_pptx", permission: "kpi:view", maxBodyBytes: 0 }, async (request, { user, requestId, params }) => {
  const pocId = params.pocId!;
  const dashboard = await loadPocDashboard(user, pocId);
  const figures = await captureFigures(`/dashboard/${encodeURIComponent(pocId)}/one-pager`, forwardedHeaders(request));
  const [t, locale, format] = await Promise.all([getTranslations(), getLocale(), getFormatter()]);
  const deck = await buildBoardDeck(boardDeckContent({ dashboard, figures, t, locale, generatedAt: format.dateTime(new Date(), { dateStyle: "long", timeStyle: "short" }) }));
  await recordReportExport(db(), { ...user, requestId }, "report.export_pptx", pocId);
  return new Response(new Uint8Array(deck), {
    headers: { "content-type": "application/vnd.openxmlformats-officedocument.presentationml.presentation", "content-disposition": `attachment; filename="one-pager-${pocId}.pptx"`, "cache-control": "private, no-store" },
  });
});
