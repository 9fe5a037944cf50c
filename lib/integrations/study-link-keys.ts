import { openSecret, sealSecret } from "@/lib/auth/secret-box";
import { AppError } from "@/lib/errors";

// The site link key seals a case's original StudyInstanceUID (results back to PACS only).
// PACS_LINK_KEYS="<id>:<secret>[,<id>:<secret>…]": the first key seals, every listed key opens.
// Rotation: put a new key first and keep the old ones listed; each link is re-sealed under the new
// key the next time it is used, and an old key can be removed once no link names it.
const purpose = "case-study-link";

function configuredKeys(): { id: string; secret: string }[] {
  const keys = (process.env.PACS_LINK_KEYS ?? "")
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean)
    .map((entry) => {
      const colon = entry.indexOf(":");
      return { id: entry.slice(0, colon), secret: entry.slice(colon + 1) };
    });
  if (keys.length === 0 || keys.some((key) => !/^[A-Za-z0-9_-]{1,16}$/.test(key.id) || key.secret.length < 32)) throw new AppError("WRITE_BACK_NOT_ALLOWED");
  return keys;
}

export function linkKeysConfigured(): boolean {
  try {
    return configuredKeys().length > 0;
  } catch {
    return false;
  }
}

export function sealStudyLink(studyInstanceUid: string): string {
  const [current] = configuredKeys();
  return `${current!.id}.${sealSecret(studyInstanceUid, current!.secret, purpose)}`;
}

/** The UID, and whether the box should be re-sealed under the current key. */
export function openStudyLink(sealed: string): { studyInstanceUid: string; stale: boolean } {
  const keys = configuredKeys();
  const dot = sealed.indexOf(".");
  const key = keys.find((candidate) => candidate.id === sealed.slice(0, dot));
  const studyInstanceUid = key ? openSecret(sealed.slice(dot + 1), key.secret, purpose) : null;
  if (!studyInstanceUid) throw new AppError("INTEGRATION_SECRET_UNREADABLE");
  return { studyInstanceUid, stale: key !== keys[0] };
}
