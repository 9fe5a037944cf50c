import { hasPrototypeKey, isPrototypeKey } from "@/lib/security/prototype-keys";

/**
 * Whether a server-action request carries a prototype key in its arguments. React's reply decoder
 * deletes own `__proto__` keys before the action (and defineAction's check) ever sees them, so this
 * is the one place such a payload can be refused instead of silently accepted. Nothing depends on it
 * for safety: without it the key is still dropped before any of our code runs.
 */
export async function actionBodyHasPrototypeKey(request: Request): Promise<boolean> {
  if (request.method !== "POST" || !request.headers.has("next-action")) return false;
  if ((request.headers.get("content-type") ?? "").startsWith("multipart/form-data")) {
    const form = await request.clone().formData().catch(() => null);
    // React's reply rows are the numbered fields; other fields are a form's own text, never parsed.
    return Boolean(form && [...form.entries()].some(([name, value]) => isPrototypeKey(name) || (/^\d+$/.test(name) && typeof value === "string" && jsonHasPrototypeKey(value))));
  }
  return jsonHasPrototypeKey(await request.clone().text());
}

function jsonHasPrototypeKey(text: string): boolean {
  try {
    return hasPrototypeKey(JSON.parse(text));
  } catch {
    // Not JSON: Next's own decoder answers it.
    return false;
  }
}
