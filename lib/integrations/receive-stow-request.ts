import "server-only";
import { NextResponse } from "next/server";
import { db } from "@/lib/db/client";
import { isAppError } from "@/lib/errors";
import { jobQueue } from "@/lib/integrations/job-runtime";
import { authenticatePocToken } from "@/lib/integrations/poc-api-tokens";
import { readRequestBody } from "@/lib/integrations/read-request-body";
import { receivePushedStudies, stowResponse } from "@/lib/integrations/receive-pushed-studies";
import { boundaryOf, parseMultipartRelated } from "@/lib/pacs/multipart-related";

/** Largest STOW-RS body accepted, counted while reading (routers send chunked bodies). */
export const maxStowBodyBytes = 256 * 1024 * 1024;

const fail = (status: number, error: string) => NextResponse.json({ ok: false, error }, { status });

/**
 * STOW-RS from the site's PACS router for one PoC: a per-PoC API token instead of a session, and the
 * same import pipeline as a pull. Identified bytes are de-identified in memory; nothing raw is written.
 */
export async function receiveStowRequest(request: Request, pocId: string): Promise<Response> {
  let token;
  try {
    token = await authenticatePocToken(db(), request.headers.get("authorization"), pocId);
  } catch (error) {
    if (isAppError(error)) return fail(401, error.code);
    throw error;
  }
  if (token.poc.status !== "RUNNING") return fail(409, "POC_NOT_RUNNING");
  const boundary = boundaryOf(request.headers.get("content-type") ?? "");
  if (!boundary || !/^multipart\/related/i.test(request.headers.get("content-type") ?? "")) return fail(415, "INVALID_INPUT");
  const body = await readRequestBody(request, maxStowBodyBytes);
  if (!body) return fail(413, "UPLOAD_TOO_LARGE");
  let parts;
  try {
    parts = parseMultipartRelated(body, boundary);
  } catch {
    return fail(400, "INVALID_INPUT");
  }
  const outcome = await receivePushedStudies(db(), await jobQueue(), token, parts.map((part) => part.body));
  // PS3.18 10.5.3: 200 when all stored, 202 when some failed, 409 when none was stored.
  const status = outcome.failed.length === 0 ? 200 : outcome.stored.length > 0 ? 202 : 409;
  return NextResponse.json(stowResponse(outcome), { status, headers: { "content-type": "application/dicom+json" } });
}
