/**
 * An audit row's details in one short line for the log's table: top-level "key: value" pairs, long
 * values cut, at most `maxPairs` with a count of the rest. The full JSON stays one click away.
 */
export function summariseAuditDetails(details: unknown, { maxPairs = 4, maxValueChars = 32 } = {}): { text: string; more: number } {
  if (details === null || details === undefined) return { text: "", more: 0 };
  if (typeof details !== "object" || Array.isArray(details)) return { text: cut(JSON.stringify(details), maxValueChars * 2), more: 0 };
  const pairs = Object.entries(details as Record<string, unknown>).map(([key, value]) => `${key}: ${cut(typeof value === "string" ? value : JSON.stringify(value), maxValueChars)}`);
  return { text: pairs.slice(0, maxPairs).join(" · "), more: Math.max(0, pairs.length - maxPairs) };
}

function cut(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
