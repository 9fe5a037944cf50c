import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { requireRoutePermission, routeFailure } from "@/lib/auth/route-permission";
import { db } from "@/lib/db/client";
import { pocScope } from "@/lib/pocs/list-pocs";
import { readBlob, sha256Hex } from "@/lib/storage/blob-store";

/** Downloads an evidence file for someone who may see its PoC; the bytes are checked against their sha256. */
export async function GET(_request: Request, { params }: { params: Promise<{ evidenceId: string }> }): Promise<Response> {
  const access = await requireRoutePermission("governance:view", "checklist.view_evidence");
  if ("response" in access) return access.response;
  const { evidenceId } = await params;
  const evidence = await db().evidence.findFirst({ where: { id: evidenceId, kind: "FILE", item: { poc: pocScope(access.user) } }, include: { item: { select: { id: true, pocId: true } } } });
  if (!evidence?.storagePath || !evidence.sha256) return routeFailure(404, "NOT_FOUND");
  const bytes = await readBlob(evidence.storagePath);
  if (sha256Hex(bytes) !== evidence.sha256) return routeFailure(500, "INTERNAL");
  await db().$transaction((tx) =>
    recordAuditEvent(tx, {
      actorId: access.user.id,
      actorRole: access.user.role,
      requestId: access.requestId,
      action: "checklist.view_evidence",
      entityType: "ChecklistItem",
      entityId: evidence.item.id,
      details: { pocId: evidence.item.pocId, evidenceId: evidence.id },
    }),
  );
  const fileName = evidence.fileName ?? `evidence-${evidence.sha256.slice(0, 12)}`;
  return new Response(new Uint8Array(bytes), {
    headers: {
      "content-type": evidence.mimeType ?? "application/octet-stream",
      "content-disposition": `attachment; filename="evidence"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
      "x-content-type-options": "nosniff",
      "cache-control": "private, no-store",
    },
  });
}
