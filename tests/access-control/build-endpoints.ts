import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";

// What the build actually serves: every server action (by id, with its source file and export) and
// every route handler with the HTTP methods its source exports.
const root = path.resolve(import.meta.dirname, "..", "..");
const serverDir = path.join(root, ".next", "server");

export type BuiltAction = { id: string; key: string; pagePath: string };
export type BuiltRoute = { route: string; method: string; key: string };

type ReferenceManifest = { node: Record<string, { filename?: string; exportedName?: string; workers: Record<string, unknown> }> };

function findFiles(dir: string, name: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return findFiles(full, name);
    return entry.name === name ? [full] : [];
  });
}

export function builtActions(): BuiltAction[] {
  const global = JSON.parse(readFileSync(path.join(serverDir, "server-reference-manifest.json"), "utf8")) as ReferenceManifest;
  // The global manifest leaves some names out (actions imported by layouts); the per-page ones have them.
  const names = new Map<string, string>();
  for (const file of findFiles(path.join(serverDir, "app"), "server-reference-manifest.json")) {
    const manifest = JSON.parse(readFileSync(file, "utf8")) as ReferenceManifest;
    for (const [id, entry] of Object.entries(manifest.node)) if (entry.filename && entry.exportedName) names.set(id, `${entry.filename}#${entry.exportedName}`);
  }
  return Object.entries(global.node).map(([id, entry]) => ({
    id,
    key: entry.filename && entry.exportedName ? `${entry.filename}#${entry.exportedName}` : (names.get(id) ?? `unnamed action ${id}`),
    pagePath: pagePathOf(Object.keys(entry.workers)[0]!),
  }));
}

/** An action runs only when posted to a page that imports it: "app/(portal)/reading/[readId]/page" → "/reading/x". */
function pagePathOf(worker: string): string {
  return worker.replace(/^app/, "").replace(/\/page$/, "").replace(/\/\([^)]+\)/g, "").replace(/\[[^\]]+\]/g, "x") || "/";
}

export function builtRoutes(): BuiltRoute[] {
  const manifest = JSON.parse(readFileSync(path.join(serverDir, "app-paths-manifest.json"), "utf8")) as Record<string, string>;
  return Object.keys(manifest)
    .filter((entry) => entry.endsWith("/route"))
    // Metadata files (app/icon.svg) become routes of Next's own, with no route.ts of ours.
    .filter((entry) => existsSync(path.join(root, "app", entry.replace(/\/route$/, ""), "route.ts")))
    .flatMap((entry) => {
      const sourceDir = path.join(root, "app", entry.replace(/\/route$/, ""));
      const source = readFileSync(path.join(sourceDir, "route.ts"), "utf8");
      const methods = [...source.matchAll(/export\s+(?:async\s+function|const)\s+(GET|POST|PUT|PATCH|DELETE)\b|export\s+const\s+\{([^}]+)\}/g)].flatMap((match) =>
        match[1] ? [match[1]] : match[2]!.split(",").map((name) => name.trim()),
      );
      // Route groups such as (portal) are not part of the URL.
      const route = entry.replace(/\/route$/, "").replace(/\/\([^)]+\)/g, "") || "/";
      return methods.map((method) => ({ route, method, key: `${method} ${route}` }));
    });
}
