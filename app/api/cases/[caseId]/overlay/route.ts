import { guardedRoute } from "@/lib/actions/route-handler";
import { assertMaySeeAiOutput } from "@/lib/cases/view-case";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { readBlob } from "@/lib/storage/blob-store";

// The AI heat-map overlay (transparent PNG), refused while the caller's unaided read is open.
export const GET = guardedRoute({ name: "case.overlay_view", permission: "case:read" }, async (_request, { user, params }) => {
  const inference = await db().inference.findFirst({ where: { caseId: params.caseId, status: "SUCCEEDED", case: { poc: { siteId: { in: user.siteIds } } } }, orderBy: { createdAt: "desc" } });
  if (!inference?.overlayPath) throw new AppError("NOT_FOUND");
  await assertMaySeeAiOutput(db(), { ...user, siteIds: user.siteIds }, params.caseId);
  return new Response(new Uint8Array(await readBlob(inference.overlayPath)), { headers: { "content-type": "image/png", "cache-control": "private, no-store" } });
});
