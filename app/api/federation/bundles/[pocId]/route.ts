import { errorResponse, guardedRoute } from "@/lib/actions/route-handler";
import { serverEnv } from "@/lib/config/env";
import { db } from "@/lib/db/client";
import { exportEvidenceBundle } from "@/lib/federation/export-evidence-bundle";

// Download of a PoC's signed evidence bundle (aggregates only), audited by exportEvidenceBundle.
export const GET = guardedRoute({ name: "federation.bundle_export", permission: "federation:export", maxBodyBytes: 0 }, async (_request, { user, requestId, params }) => {
  const authSecret = serverEnv().AUTH_SECRET;
  if (!authSecret) return errorResponse("INTERNAL");
  const { bytes, fileName } = await exportEvidenceBundle(db(), { id: user.id, role: user.role, siteIds: user.siteIds, requestId }, { pocId: params.pocId!, exportedAt: new Date() }, authSecret);
  return new Response(bytes, { headers: { "content-type": "application/json; charset=utf-8", "content-disposition": `attachment; filename="${fileName}"`, "cache-control": "no-store" } });
});
