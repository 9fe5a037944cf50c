import { guardedRoute } from "@/lib/actions/route-handler";
import { db } from "@/lib/db/client";
import { readReleasedOverlay } from "@/lib/reading/load-ai-output";

// The AI heat-map overlay (transparent PNG), only when the blinding rule releases it to this reader now.
export const GET = guardedRoute({ name: "case.overlay_view", permission: "case:read", maxBodyBytes: 0 }, async (_request, { user, requestId, params }) => {
  const overlay = await readReleasedOverlay(db(), { ...user, requestId }, params.caseId);
  return new Response(overlay, { headers: { "content-type": "image/png", "cache-control": "private, no-store" } });
});
