import { createHash } from "node:crypto";
import type { AnalysisPlan } from "./schema";

/** Canonical JSON (keys sorted at every level), so the same plan always hashes the same. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (value !== null && typeof value === "object") return `{${Object.keys(value).sort().map((key) => `${JSON.stringify(key)}:${canonical((value as Record<string, unknown>)[key])}`).join(",")}}`;
  return JSON.stringify(value);
}

/** SHA-256 of the canonical plan: what the sign-off and the audit chain record, so any later edit shows. */
export function analysisPlanHash(plan: AnalysisPlan): string {
  return createHash("sha256").update(canonical(plan)).digest("hex");
}

/** The fields an amendment changed (top-level keys), for the visible amendment record next to its reason. */
export function amendedFields(previous: AnalysisPlan, next: AnalysisPlan): (keyof AnalysisPlan)[] {
  return (Object.keys(next) as (keyof AnalysisPlan)[]).filter((key) => canonical(previous[key]) !== canonical(next[key]));
}
