// Next's own limit for server-action bodies (serverActions.bodySizeLimit, unchanged in next.config.js).
export const maxActionBodyBytes = 1024 * 1024;

/**
 * What is wrong with a server-action request's body, if anything: larger than actions accept, or not
 * what React's client sends (JSON arguments as text, or a multipart form that parses). Next answers
 * such bodies with a 500 (or a 200 page after logging a 413); proxy.ts refuses them first with a 4xx.
 * Requests that are not server actions are never refused here.
 */
export async function actionBodyProblem(request: Request): Promise<"too-large" | "malformed" | null> {
  if (request.method !== "POST" || !request.headers.has("next-action")) return null;
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > maxActionBodyBytes) return "too-large";
  const contentType = request.headers.get("content-type") ?? "";
  if (contentType.startsWith("multipart/form-data")) return (await request.clone().formData().catch(() => null)) === null ? "malformed" : null;
  try {
    JSON.parse(await request.clone().text());
    return null;
  } catch {
    return "malformed";
  }
}
