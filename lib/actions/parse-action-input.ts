import type { z } from "zod";
import { fieldErrorsFromIssues } from "@/lib/actions/field-errors";
import { hasPrototypeKey } from "@/lib/security/prototype-keys";

type ParsedActionInput<Schema extends z.ZodType> = { success: true; data: z.output<Schema> } | { success: false; fieldErrors: Record<string, string> };

/**
 * The one parse of an action's input: a prototype key at any depth is refused first (zod skips
 * `__proto__` in records, and an own `constructor` passes a record), then the action's strict schema.
 */
export function parseActionInput<Schema extends z.ZodType>(schema: Schema, rawInput: unknown): ParsedActionInput<Schema> {
  if (hasPrototypeKey(rawInput)) return { success: false, fieldErrors: { _: "unrecognized_keys" } };
  const parsed = schema.safeParse(rawInput);
  return parsed.success ? { success: true, data: parsed.data } : { success: false, fieldErrors: fieldErrorsFromIssues(parsed.error.issues) };
}
