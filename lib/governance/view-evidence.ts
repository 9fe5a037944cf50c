import "server-only";
import { actorFields, recordAuditEvent } from "@/lib/audit/record-audit-event";
import { pocScope, type Actor } from "@/lib/auth/site-scope";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { readBlob, sha256Hex } from "@/lib/storage/blob-store";

/** An evidence file of a PoC the viewer reaches, its bytes checked against their sha256; the download is audited. */
export async function viewEvidenceFile(db: Db, viewer: Actor, evidenceId: string) {
  const evidence = await db.evidence.findFirst({ where: { id: evidenceId, kind: "FILE", item: { poc: pocScope(viewer) } }, include: { item: { select: { id: true, pocId: true } } } });
  if (!evidence?.storagePath || !evidence.sha256) throw new AppError("NOT_FOUND");
  const bytes = await readBlob(evidence.storagePath);
  // A stored file that no longer matches its hash is never served.
  if (sha256Hex(bytes) !== evidence.sha256) throw new AppError("INTERNAL");
  await db.$transaction((tx) =>
    recordAuditEvent(tx, {
      ...actorFields(viewer),
      action: "checklist.view_evidence",
      entityType: "ChecklistItem",
      entityId: evidence.item.id,
      details: { pocId: evidence.item.pocId, evidenceId: evidence.id },
    }),
  );
  return { bytes: new Uint8Array(bytes), fileName: evidence.fileName ?? `evidence-${evidence.sha256.slice(0, 12)}`, mimeType: evidence.mimeType ?? "application/octet-stream" };
}
