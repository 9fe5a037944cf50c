import { guardedRoute } from "@/lib/actions/route-handler";
import { downloadChainHead } from "@/lib/audit/export-audit-log";
import { db } from "@/lib/db/client";

/** Downloads the verified chain head (within the viewer's sites) as JSON, to be kept outside the database and checked later. */
export const GET = guardedRoute({ name: "audit.export_head", permission: "audit:view", maxBodyBytes: 0 }, async (_request, { user, requestId }) => {
  const head = await downloadChainHead(db(), { ...user, requestId });
  return new Response(`${JSON.stringify(head, null, 2)}\n`, {
    headers: { "content-type": "application/json; charset=utf-8", "content-disposition": `attachment; filename="audit-chain-head-${head.seq}.json"`, "cache-control": "private, no-store" },
  });
});
