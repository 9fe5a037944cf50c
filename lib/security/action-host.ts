import { readFileSync } from "node:fs";
import path from "node:path";

type ReferenceManifest = { node: Record<string, { workers: Record<string, unknown> }> };

/** The URL pattern of a page worker: "app/(portal)/cases/[caseId]/page" → /cases/<one segment>. */
export function workerPathPattern(worker: string): RegExp {
  const segments = worker
    .replace(/^app/, "")
    .replace(/\/page$/, "")
    .split("/")
    .filter((segment) => segment !== "" && !/^\(.*\)$/.test(segment))
    .map((segment) => (/^\[\[?\.\.\./.test(segment) ? "(?:/.*)?" : /^\[.*\]$/.test(segment) ? "/[^/]+" : `/${segment.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`));
  return new RegExp(`^${segments.join("") || "/"}/?$`);
}

/**
 * Where each server action may be posted: the pages whose bundle holds it (the build's
 * server-reference manifest). Next forwards an action posted elsewhere to a page that holds it; that
 * forwarding ended with `uncaughtException: aborted` when the client closed the connection.
 */
export function actionHostsFrom(manifest: ReferenceManifest): Map<string, RegExp[]> {
  return new Map(Object.entries(manifest.node).map(([id, entry]) => [id, Object.keys(entry.workers).map(workerPathPattern)]));
}

let loaded: Map<string, RegExp[]> | null | undefined;

function builtActionHosts(): Map<string, RegExp[]> | null {
  if (loaded !== undefined) return loaded;
  try {
    const file = path.join(/*turbopackIgnore: true*/ process.cwd(), ".next", "server", "server-reference-manifest.json");
    loaded = actionHostsFrom(JSON.parse(readFileSync(file, "utf8")) as ReferenceManifest);
  } catch {
    // No production build here (next dev): leave the decision to Next.
    loaded = null;
  }
  return loaded;
}

/** Is this server-action request posted to a page that does not hold the action? Unknown ids are left to Next (a 4xx). */
export function actionPostedElsewhere(request: Request, hosts = builtActionHosts()): boolean {
  const actionId = request.method === "POST" ? request.headers.get("next-action") : null;
  if (!actionId || !hosts) return false;
  const patterns = hosts.get(actionId);
  if (!patterns) return false;
  const { pathname } = new URL(request.url);
  return !patterns.some((pattern) => pattern.test(pathname));
}
