// Keys that reach an object's prototype when assigned (`target[key] = value`) or that name inherited
// members on lookup. No input of ours has a field by these names, so they are refused wherever they
// arrive instead of being skipped: React's reply decoder deletes `__proto__` and zod's records skip it,
// both silently, so a payload carrying one used to pass as if it were clean.
const prototypeKeys = new Set(["__proto__", "constructor", "prototype"]);

export function isPrototypeKey(key: string): boolean {
  return prototypeKeys.has(key);
}

/** True when a JSON-like value has an own key named __proto__, constructor or prototype at any depth. */
export function hasPrototypeKey(value: unknown): boolean {
  // Iterative, so a deeply nested hostile payload cannot overflow the stack.
  const pending: unknown[] = [value];
  while (pending.length > 0) {
    const current = pending.pop();
    if (typeof current !== "object" || current === null) continue;
    if (Array.isArray(current)) {
      for (const element of current) pending.push(element);
      continue;
    }
    for (const key of Object.keys(current)) {
      if (isPrototypeKey(key)) return true;
      pending.push((current as Record<string, unknown>)[key]);
    }
  }
  return false;
}

/** JSON.parse for text a caller sent: a prototype key at any depth is a syntax error like any other. */
export function parseJsonWithoutPrototypeKeys(text: string): unknown {
  return JSON.parse(text, (key, value: unknown) => {
    if (isPrototypeKey(key)) throw new SyntaxError("JSON with a prototype key");
    return value;
  });
}
