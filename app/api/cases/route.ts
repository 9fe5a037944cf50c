import { NextResponse } from "next/server";
import { fieldErrorsFromIssues } from "@/lib/actions/field-errors";
import { errorResponse, guardedRoute, readMultipart } from "@/lib/actions/route-handler";
import { caseSubmissionSchema, caseUploadLimits } from "@/lib/cases/schema";
import { previewCase, submitCase } from "@/lib/cases/submit-case";
import { runCaseInference } from "@/lib/cases/run-case-inference";
import { db } from "@/lib/db/client";

// Case uploads: multipart, up to caseUploadLimits.maxTotalBytes, refused before reading when larger.
export const POST = guardedRoute({ name: "case.submit", permission: "case:submit", maxBodyBytes: caseUploadLimits.maxTotalBytes }, async (request, { user, requestId }) => {
  const multipart = await readMultipart(request, "files");
  if (!multipart) return errorResponse("INVALID_INPUT");
  const parsed = caseSubmissionSchema.safeParse(multipart.fields);
  if (!parsed.success) return errorResponse("INVALID_INPUT", undefined, fieldErrorsFromIssues(parsed.error.issues));
  const clinician = { id: user.id, role: user.role, siteIds: user.siteIds, requestId };
  const files = multipart.files.map((bytes) => ({ bytes }));
  if (parsed.data.mode === "preview") return NextResponse.json({ ok: true, preview: await previewCase(db(), clinician, parsed.data, files) });
  const submitted = await submitCase(db(), clinician, parsed.data, files);
  // The model runs once per case; a retried upload finds the stored result.
  const inference = await runCaseInference(db(), submitted.caseId);
  return NextResponse.json({ ok: true, case: submitted, inference: { status: inference.status, errorCode: inference.errorCode } });
});
