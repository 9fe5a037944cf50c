import { z } from "zod";
import { guardedRoute, streamedResponse } from "@/lib/actions/route-handler";
import { db } from "@/lib/db/client";
import { exportReadsCsv, reanalysisFormats } from "@/lib/kpi/export-kpi-csv";

const formatSchema = z.enum(reanalysisFormats).catch("long");

/** The reanalysis data set of a PoC (?format=long|dictionary|imrmc|rjafroc), streamed; audited. */
export const GET = guardedRoute({ name: "kpi.export_reads", permission: "kpi:view", maxBodyBytes: 0 }, async (request, { user, requestId, params }) => {
  const format = formatSchema.parse(new URL(request.url).searchParams.get("format") ?? "long");
  const exported = await exportReadsCsv(db(), { ...user, requestId }, params.pocId, format);
  return streamedResponse("kpi.export_reads", requestId, exported.chunks, { "content-type": exported.contentType, "content-disposition": `attachment; filename="${exported.fileName}"`, "cache-control": "private, no-store" });
});
