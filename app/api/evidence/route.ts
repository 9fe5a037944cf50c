import { revalidatePath } from "next/cache";
import { requireRoutePermission, routeFailure } from "@/lib/auth/route-permission";
import { db } from "@/lib/db/client";
import { isAppError } from "@/lib/errors";
import { addEvidenceFile } from "@/lib/governance/add-evidence";
import { evidenceUploadFieldsSchema } from "@/lib/governance/schema";
import { maxEvidenceBytes } from "@/lib/governance/sniff-evidence-type";
import { isCrossOriginWrite } from "@/lib/security/http-security";

// Server actions take 1 MB; evidence files need their own handler, with its own size limit.
const multipartOverheadBytes = 64 * 1024;

export async function POST(request: Request): Promise<Response> {
  // Not behind the proxy (it would buffer the upload): the cross-origin check is made here.
  if (isCrossOriginWrite(request.method, request.headers, "/api/evidence")) return routeFailure(403, "FORBIDDEN");
  const access = await requireRoutePermission("governance:edit", "checklist.add_evidence");
  if ("response" in access) return access.response;

  const body = await readBodyWithLimit(request, maxEvidenceBytes + multipartOverheadBytes);
  if (!body) return routeFailure(413, "EVIDENCE_TOO_LARGE", { maxMb: maxEvidenceBytes / 1024 / 1024 });
  let form: FormData;
  try {
    form = await new Response(body, { headers: { "content-type": request.headers.get("content-type") ?? "" } }).formData();
  } catch {
    return routeFailure(400, "INVALID_INPUT");
  }
  const file = form.get("file");
  // Every text field goes to the strict schema, so an unexpected one (role, siteId) is refused, not ignored.
  const fields = evidenceUploadFieldsSchema.safeParse(Object.fromEntries([...form.entries()].filter(([key, value]) => key !== "file" && typeof value === "string")));
  if (!fields.success || !(file instanceof File)) return routeFailure(400, "INVALID_INPUT");

  try {
    const { user, requestId } = access;
    const result = await addEvidenceFile(db(), { ...user, requestId }, { ...fields.data, fileName: file.name, bytes: new Uint8Array(await file.arrayBuffer()) });
    revalidatePath("/governance", "layout");
    return Response.json({ ok: true, data: result });
  } catch (error) {
    if (isAppError(error)) return routeFailure(error.code === "NOT_FOUND" ? 404 : 400, error.code, error.params);
    console.error(`[route evidence upload] request ${access.requestId} failed: ${error instanceof Error ? error.name : typeof error}`);
    return routeFailure(500, "INTERNAL");
  }
}

/** Reads the body, giving up (null) as soon as it passes the limit, whatever Content-Length claimed. */
async function readBodyWithLimit(request: Request, limitBytes: number): Promise<Uint8Array<ArrayBuffer> | null> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > limitBytes) return null;
  if (!request.body) return new Uint8Array();
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let received = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    received += value.byteLength;
    if (received > limitBytes) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(received);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}
