import { guardedRoute } from "@/lib/actions/route-handler";
import { db } from "@/lib/db/client";
import { viewEvidenceFile } from "@/lib/governance/view-evidence";

/** Downloads an evidence file for someone who may see its PoC; the bytes are checked against their sha256. */
export const GET = guardedRoute({ name: "checklist.view_evidence", permission: "governance:view", maxBodyBytes: 0 }, async (_request, { user, requestId, params }) => {
  const file = await viewEvidenceFile(db(), { ...user, requestId }, params.evidenceId);
  return new Response(file.bytes, {
    headers: {
      "content-type": file.mimeType,
      "content-disposition": `attachment; filename="evidence"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
      "x-content-type-options": "nosniff",
      "cache-control": "private, no-store",
    },
  });
});
