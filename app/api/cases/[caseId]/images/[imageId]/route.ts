import { guardedRoute } from "@/lib/actions/route-handler";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { runImageTask } from "@/lib/cases/image-pool";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { readBlob } from "@/lib/storage/blob-store";

// Raw float32 modality values of one frame, for the viewer's own window/level. Audited.
export const GET = guardedRoute({ name: "case.image_view", permission: "case:view" }, async (request, { user, requestId, params }) => {
  const image = await db().caseImage.findFirst({ where: { id: params.imageId, caseId: params.caseId, case: { poc: { siteId: { in: user.siteIds } } } } });
  if (!image) throw new AppError("NOT_FOUND");
  const frameIndex = Math.max(0, Math.min(image.frames - 1, Number(new URL(request.url).searchParams.get("frame") ?? 0) || 0));
  const frame = await runImageTask("decodeViewerFrame", { bytes: await readBlob(image.storagePath), frameIndex });
  await db().$transaction((tx) => recordAuditEvent(tx, { actorId: user.id, actorRole: user.role, requestId, action: "case.image_view", entityType: "Case", entityId: image.caseId, details: { imageId: image.id, frame: frameIndex } }));
  return new Response(new Uint8Array(frame.pixels.buffer as ArrayBuffer, frame.pixels.byteOffset, frame.pixels.byteLength), {
    headers: {
      "content-type": "application/octet-stream",
      "cache-control": "private, no-store",
      "x-image-meta": JSON.stringify({ width: frame.width, height: frame.height, frames: frame.frames, frameIndex: frame.frameIndex, invert: frame.invert, window: frame.window }),
    },
  });
});
