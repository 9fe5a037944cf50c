import "server-only";
import { actorFields, recordAuditEvent } from "@/lib/audit/record-audit-event";
import { caseScope, type Actor } from "@/lib/auth/site-scope";
import { runImageTask } from "@/lib/cases/image-pool";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { readBlob } from "@/lib/storage/blob-store";

/** One frame of a case image of the viewer's sites, as raw modality values for the viewer; audited like a case view. */
export async function viewCaseImageFrame(db: Db, viewer: Actor, input: { caseId: string; imageId: string; frame: number }) {
  const image = await db.caseImage.findFirst({ where: { id: input.imageId, caseId: input.caseId, case: caseScope(viewer) } });
  if (!image) throw new AppError("NOT_FOUND");
  const frameIndex = Math.max(0, Math.min(image.frames - 1, Number.isFinite(input.frame) ? Math.trunc(input.frame) : 0));
  const frame = await runImageTask("decodeViewerFrame", { bytes: await readBlob(image.storagePath), frameIndex });
  await db.$transaction((tx) => recordAuditEvent(tx, { ...actorFields(viewer), action: "case.image_view", entityType: "Case", entityId: image.caseId, details: { imageId: image.id, frame: frameIndex } }));
  return frame;
}
