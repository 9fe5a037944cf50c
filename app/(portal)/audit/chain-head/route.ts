import { exportChainHead } from "@/lib/audit/chain-head";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { requireRoutePermission, routeFailure } from "@/lib/auth/route-permission";
import { db } from "@/lib/db/client";

/** Downloads the verified chain head as JSON, to be kept outside the database and checked later. */
export async function GET(): Promise<Response> {
  const access = await requireRoutePermission("audit:view", "audit.export_head");
  if ("response" in access) return access.response;
  const { head, verification } = await exportChainHead(db());
  if (!head) return routeFailure(409, "AUDIT_CHAIN_BROKEN", { seq: verification.firstBreak?.seq ?? 0 });
  // The export is recorded after the head it names: the next row links to it, so the saved head stays in the chain.
  await db().$transaction((tx) =>
    recordAuditEvent(tx, { actorId: access.user.id, actorRole: access.user.role, requestId: access.requestId, action: "audit.export_head", details: { seq: head.seq } }),
  );
  return new Response(`${JSON.stringify(head, null, 2)}\n`, {
    headers: { "content-type": "application/json; charset=utf-8", "content-disposition": `attachment; filename="audit-chain-head-${head.seq}.json"`, "cache-control": "private, no-store" },
  });
}
