import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

// Structure rules that a reviewer should not have to re-check by eye (issue 11 §7): one route
// wrapper, pages and routes that query nothing themselves, one site scope, no folder import loops.

const root = path.resolve(__dirname, "../..");

function filesUnder(dir: string, pattern: RegExp): string[] {
  return readdirSync(path.join(root, dir), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && pattern.test(entry.name))
    .map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)))
    .filter((file) => !file.includes(`${path.sep}generated${path.sep}`))
    .sort();
}

const read = (file: string) => readFileSync(path.join(root, file), "utf8");
const httpMethods = "GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS";
const segmentConfig = /^export const (dynamic|runtime|revalidate|maxDuration|fetchCache|preferredRegion)\b/;

/** What is wrong with a route.ts: exports that do not go through guardedRoute. */
export function routeFileProblems(source: string): string[] {
  const problems: string[] = [];
  for (const line of source.split("\n").filter((text) => text.startsWith("export "))) {
    if (segmentConfig.test(line)) continue;
    if (new RegExp(`^export const (${httpMethods}) = guardedRoute\\(`).test(line)) continue;
    problems.push(line.slice(0, 80));
  }
  if (!/from "@\/lib\/actions\/route-handler"/.test(source)) problems.push("does not import guardedRoute");
  return problems;
}

/** What is wrong with a file under app/: it queries the database or writes audit rows itself. */
export function appFileProblems(source: string): string[] {
  const problems: string[] = [];
  if (/from "@prisma\//.test(source) || /from "@\/lib\/db\/generated\/(client|models|internal)/.test(source)) problems.push("imports Prisma");
  if (/^import (?!type )[^;]*from "@\/lib\/db\/generated\/enums"/m.test(source)) problems.push("imports Prisma enums as values");
  if (/from "@\/lib\/audit\/record-audit-event"/.test(source) || /\brecordAuditEvent\(/.test(source)) problems.push("writes audit rows");
  // Handing db() to a domain function is fine; calling a model or $transaction on it is a query.
  if (/\bdb\(\)\s*\.\s*[$A-Za-z]/.test(source)) problems.push("queries the database");
  return problems;
}

describe("app structure", () => {
  it("recognises the violations it looks for", () => {
    expect(routeFileProblems('import { x } from "y";\nexport async function GET() {}\n')).toEqual(["export async function GET() {}", "does not import guardedRoute"]);
    expect(routeFileProblems('import { guardedRoute } from "@/lib/actions/route-handler";\nexport const GET = guardedRoute({}, h);\nexport const dynamic = "force-dynamic";\n')).toEqual([]);
    expect(appFileProblems('const rows = await db().case.findMany({});')).toEqual(["queries the database"]);
    expect(appFileProblems('await db().$transaction((tx) => recordAuditEvent(tx, {}));')).toEqual(["writes audit rows", "queries the database"]);
    expect(appFileProblems('import { ReadArm } from "@/lib/db/generated/enums";')).toEqual(["imports Prisma enums as values"]);
    expect(appFileProblems('import type { ReadArm } from "@/lib/db/generated/enums";\nawait viewCase(db(), user, id);')).toEqual([]);
  });

  it("sends every route handler through guardedRoute", () => {
    const routes = filesUnder("app", /^route\.ts$/);
    expect(routes.length).toBeGreaterThanOrEqual(11);
    expect(Object.fromEntries(routes.map((file) => [file, routeFileProblems(read(file))]).filter(([, problems]) => problems.length > 0))).toEqual({});
  });

  it("keeps Prisma and audit writes out of app/", () => {
    const files = filesUnder("app", /\.tsx?$/);
    expect(Object.fromEntries(files.map((file) => [file, appFileProblems(read(file))]).filter(([, problems]) => problems.length > 0))).toEqual({});
  });

  it("spells the site scope only in lib/auth/site-scope.ts", () => {
    const inline = filesUnder("lib", /\.ts$/)
      .concat(filesUnder("app", /\.tsx?$/))
      .filter((file) => !file.endsWith(".test.ts") && file !== path.join("lib", "auth", "site-scope.ts"))
      .filter((file) => /siteId: \{ in: /.test(read(file)));
    expect(inline).toEqual([]);
  });

  it("has no import loop between the pocs, kpi and governance folders", () => {
    const importsOf = (folder: string) =>
      new Set(
        filesUnder(path.join("lib", folder), /\.ts$/)
          .filter((file) => !file.endsWith(".test.ts"))
          .flatMap((file) => [...read(file).matchAll(/from "@\/lib\/([a-z-]+)\//g)].map((match) => match[1]!))
          .filter((target) => target !== folder),
      );
    const graph = Object.fromEntries(["pocs", "kpi", "governance"].map((folder) => [folder, importsOf(folder)]));
    const loops = Object.entries(graph).flatMap(([from, targets]) => [...targets].filter((to) => graph[to]?.has(from)).map((to) => `${from} <-> ${to}`));
    expect(loops).toEqual([]);
  });
});
