import { guardedRoute } from "@/lib/actions/route-handler";
import { viewCaseImageFrame } from "@/lib/cases/view-case-image";
import { db } from "@/lib/db/client";

// Raw float32 modality values of one frame, for the viewer's own window/level. Audited.
export const GET = guardedRoute({ name: "case.image_view", permission: "case:view", maxBodyBytes: 0 }, async (request, { user, requestId, params }) => {
  const requested = Number(new URL(request.url).searchParams.get("frame") ?? 0) || 0;
  const frame = await viewCaseImageFrame(db(), { ...user, requestId }, { caseId: params.caseId, imageId: params.imageId, frame: requested });
  return new Response(new Uint8Array(frame.pixels.buffer as ArrayBuffer, frame.pixels.byteOffset, frame.pixels.byteLength), {
    headers: {
      "content-type": "application/octet-stream",
      "cache-control": "private, no-store",
      "x-image-meta": JSON.stringify({ width: frame.width, height: frame.height, frames: frame.frames, frameIndex: frame.frameIndex, invert: frame.invert, window: frame.window }),
    },
  });
});
