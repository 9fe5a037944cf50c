import { createHash, randomBytes } from "node:crypto";

/** A new session's secret, carried only inside the encrypted session cookie. */
export function newSessionSecret(): string {
  return randomBytes(32).toString("base64url");
}

/** The session's id in the database: the secret's sha256, so a row (or the sessions list) cannot open it. */
export function sessionKey(secret: string): string {
  return createHash("sha256").update(secret).digest("base64url");
}
