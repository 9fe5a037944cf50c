import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";

// Secrets at rest (the TOTP seed) are sealed with AES-256-GCM under a key derived from AUTH_SECRET,
// so a database dump alone does not yield anyone's second factor. The purpose string separates this
// key from any other key derived from the same secret.
const format = "v1";

function keyFor(authSecret: string, purpose: string): Buffer {
  return Buffer.from(hkdfSync("sha256", authSecret, "mmfm-portal secret-box", purpose, 32));
}

export function sealSecret(plaintext: string, authSecret: string, purpose: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", keyFor(authSecret, purpose), iv);
  const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return [format, iv.toString("base64url"), cipher.getAuthTag().toString("base64url"), ciphertext.toString("base64url")].join(".");
}

/** The plaintext, or null when the box was altered, sealed under another key or is not a box. */
export function openSecret(sealed: string, authSecret: string, purpose: string): string | null {
  const [version, iv, tag, ciphertext] = sealed.split(".");
  if (version !== format || !iv || !tag || ciphertext === undefined) return null;
  try {
    const decipher = createDecipheriv("aes-256-gcm", keyFor(authSecret, purpose), Buffer.from(iv, "base64url"));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    return Buffer.concat([decipher.update(Buffer.from(ciphertext, "base64url")), decipher.final()]).toString("utf8");
  } catch {
    return null;
  }
}
