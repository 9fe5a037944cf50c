import { revalidatePath } from "next/cache";
import { errorResponse, guardedRoute } from "@/lib/actions/route-handler";
import { db } from "@/lib/db/client";
import { addEvidenceFile } from "@/lib/governance/add-evidence";
import { evidenceUploadFieldsSchema } from "@/lib/governance/schema";
import { maxEvidenceBytes } from "@/lib/governance/sniff-evidence-type";

// Server actions take 1 MB; evidence files need their own handler, with its own size limit.
const multipartOverheadBytes = 64 * 1024;

export const POST = guardedRoute(
  { name: "checklist.add_evidence", permission: "governance:edit", maxBodyBytes: maxEvidenceBytes + multipartOverheadBytes, tooLargeError: "EVIDENCE_TOO_LARGE" },
  async (request, { user, requestId }) => {
    const form = await request.formData().catch(() => null);
    if (!form) return errorResponse("INVALID_INPUT");
    const file = form.get("file");
    // Every text field goes to the strict schema, so an unexpected one (role, siteId) is refused, not ignored.
    const fields = evidenceUploadFieldsSchema.safeParse(Object.fromEntries([...form.entries()].filter(([key, value]) => key !== "file" && typeof value === "string")));
    if (!fields.success || !(file instanceof File)) return errorResponse("INVALID_INPUT");
    const result = await addEvidenceFile(db(), { ...user, requestId }, { ...fields.data, fileName: file.name, bytes: new Uint8Array(await file.arrayBuffer()) });
    revalidatePath("/governance", "layout");
    return Response.json({ ok: true, data: result });
  },
);
