import { NextResponse } from "next/server";
import { errorResponse, guardedRoute } from "@/lib/actions/route-handler";
import { db } from "@/lib/db/client";
import { maxModelBytes, registerModelVersion } from "@/lib/models/register-model-version";

// Model registration: the ONNX file (v2: the head) and its manifest (file or pasted JSON), and for a
// schemaVersion 2 manifest the encoders file, multipart.
export const POST = guardedRoute({ name: "model.register", permission: "model:manage", maxBodyBytes: maxModelBytes + 1024 * 1024 }, async (request, { user, requestId }) => {
  const form = await request.formData().catch(() => null);
  if (!form) return errorResponse("INVALID_INPUT");
  // Only the expected parts: an unexpected field (role, siteId) is refused, not ignored.
  if ([...form.keys()].some((key) => key !== "onnx" && key !== "manifest" && key !== "encoders")) return errorResponse("INVALID_INPUT", undefined, { _: "unrecognized_keys" });
  const encoders = form.get("encoders");
  // An empty file input arrives as a zero-byte file: no encoders.
  if (encoders !== null && !(encoders instanceof File)) return errorResponse("INVALID_INPUT", undefined, { encoders: "invalid_type" });
  const onnx = form.get("onnx");
  const manifest = form.get("manifest");
  if (!(onnx instanceof File) || !(manifest instanceof File || typeof manifest === "string")) return errorResponse("INVALID_INPUT", undefined, { onnx: "invalid_type" });
  const model = await registerModelVersion(db(), { id: user.id, role: user.role, requestId }, {
    onnx: new Uint8Array(await onnx.arrayBuffer()),
    encodersOnnx: encoders && encoders.size > 0 ? new Uint8Array(await encoders.arrayBuffer()) : null,
    manifestJson: typeof manifest === "string" ? manifest : await manifest.text(),
  });
  return NextResponse.json({ ok: true, model: { id: model.id } });
});
