import { NextResponse } from "next/server";
import { errorResponse, guardedRoute } from "@/lib/actions/route-handler";
import { parseActionInput } from "@/lib/actions/parse-action-input";
import { db } from "@/lib/db/client";
import { ingestObservations } from "@/lib/monitoring/ingest-observations";
import { recordObservationsSchema } from "@/lib/monitoring/schema";

// The clinical system's feed after adoption: a JSON batch of de-identified observations (no identifiers).
export const POST = guardedRoute({ name: "monitoring.observations_record", permission: "monitoring:ingest", maxBodyBytes: 8 * 1024 * 1024 }, async (request, { user, requestId, params }) => {
  const body = await request.json().catch(() => null);
  const parsed = parseActionInput(recordObservationsSchema, { ...(body && typeof body === "object" ? body : {}), deploymentId: params.deploymentId });
  if (!parsed.success) return errorResponse("INVALID_INPUT", undefined, parsed.fieldErrors);
  const result = await ingestObservations(db(), { id: user.id, role: user.role, siteIds: user.siteIds, requestId }, parsed.data);
  return NextResponse.json({ ok: true, ...result });
});
