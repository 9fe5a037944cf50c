import type { ActionFailure } from "@/lib/actions/define-action";

/** Posts a multipart form to one of our route handlers; a network failure reads as INTERNAL. */
export async function postForm<T extends object>(url: string, body: FormData): Promise<({ ok: true } & T) | ActionFailure> {
  try {
    const response = await fetch(url, { method: "POST", body });
    return (await response.json()) as ({ ok: true } & T) | ActionFailure;
  } catch {
    return { ok: false, error: "INTERNAL" };
  }
}
