import "server-only";
import { actorFields, recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { findChecklistItemInScope } from "@/lib/governance/find-checklist-item";
import type { AddEvidenceLinkInput } from "@/lib/governance/schema";
import type { Actor } from "@/lib/auth/site-scope";
import { maxEvidenceBytes, sniffEvidenceType } from "@/lib/governance/sniff-evidence-type";
import { storeBlob } from "@/lib/storage/blob-store";

export type AddEvidenceFileInput = { itemId: string; fileName: string; bytes: Uint8Array; description?: string };

/** Stores a PDF, PNG or JPEG by its sha256 and attaches it to the item; anything else is refused. */
export async function addEvidenceFile(db: Db, actor: Actor, input: AddEvidenceFileInput) {
  await db.$transaction((tx) => findChecklistItemInScope(tx, actor, input.itemId));
  if (input.bytes.byteLength === 0) throw new AppError("EVIDENCE_EMPTY");
  if (input.bytes.byteLength > maxEvidenceBytes) throw new AppError("EVIDENCE_TOO_LARGE", { maxMb: maxEvidenceBytes / 1024 / 1024 });
  const fileType = sniffEvidenceType(input.bytes);
  if (!fileType) throw new AppError("EVIDENCE_TYPE_NOT_ALLOWED");
  // Content-addressed, so storing before the transaction at worst leaves an unreferenced copy.
  const stored = await storeBlob("evidence", input.bytes, fileType.extension);
  return db.$transaction(async (tx) => {
    const item = await findChecklistItemInScope(tx, actor, input.itemId);
    const evidence = await tx.evidence.create({
      data: {
        itemId: item.id,
        kind: "FILE",
        fileName: safeFileName(input.fileName, fileType.extension),
        storagePath: stored.storagePath,
        sha256: stored.sha256,
        mimeType: fileType.mimeType,
        sizeBytes: stored.sizeBytes,
        description: input.description,
        addedById: actor.id,
      },
    });
    await recordAuditEvent(tx, {
      ...actorFields(actor),
      action: "checklist.add_evidence",
      entityType: "ChecklistItem",
      entityId: item.id,
      details: { pocId: item.pocId, evidenceId: evidence.id, kind: "FILE", sha256: stored.sha256, mimeType: fileType.mimeType, sizeBytes: stored.sizeBytes },
    });
    return { id: evidence.id, sha256: stored.sha256 };
  });
}

export async function addEvidenceLink(db: Db, actor: Actor, input: AddEvidenceLinkInput) {
  return db.$transaction(async (tx) => {
    const item = await findChecklistItemInScope(tx, actor, input.itemId);
    const evidence = await tx.evidence.create({ data: { itemId: item.id, kind: "LINK", url: input.url, description: input.description, addedById: actor.id } });
    await recordAuditEvent(tx, {
      ...actorFields(actor),
      action: "checklist.add_evidence",
      entityType: "ChecklistItem",
      entityId: item.id,
      details: { pocId: item.pocId, evidenceId: evidence.id, kind: "LINK" },
    });
    return { id: evidence.id };
  });
}

// Keeps the shown name readable but free of paths and control characters, with the sniffed extension.
function safeFileName(name: string, extension: string): string {
  const base = (name.split(/[\\/]/).pop() ?? "").replace(/[\u0000-\u001f\u007f]/g, "").trim().slice(0, 180) || "evidence";
  return base.toLowerCase().endsWith(extension) || (extension === ".jpg" && /\.jpe?g$/i.test(base)) ? base : `${base}${extension}`;
}
