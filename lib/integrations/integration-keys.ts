import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { openSecret, sealSecret } from "@/lib/auth/secret-box";
import { resolveDataPath, serverEnv } from "@/lib/config/env";
import { AppError } from "@/lib/errors";

// Sealing for PACS/EHR credentials and pending StudyInstanceUIDs. The key is AUTH_SECRET (what
// `npm start` generates into data/auth-secret when unset); worker processes read the same file, so
// every process of one installation opens the same boxes. HKDF purposes keep the keys apart.
export const sealPurposes = { credential: "integration-credential", pendingStudyUid: "pending-study-uid" } as const;

function integrationKey(): string {
  const configured = serverEnv().AUTH_SECRET;
  if (configured) return configured;
  const file = path.join(path.dirname(resolveDataPath(serverEnv().PGLITE_DATA_DIR)), "auth-secret");
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  throw new AppError("INTEGRATION_KEY_MISSING");
}

export function sealIntegrationSecret(plaintext: string, purpose: (typeof sealPurposes)[keyof typeof sealPurposes]): string {
  return sealSecret(plaintext, integrationKey(), purpose);
}

export function openIntegrationSecret(sealed: string, purpose: (typeof sealPurposes)[keyof typeof sealPurposes]): string {
  const plaintext = openSecret(sealed, integrationKey(), purpose);
  // A box that no longer opens means the key changed: the admin must enter the secret again.
  if (plaintext === null) throw new AppError("INTEGRATION_SECRET_UNREADABLE");
  return plaintext;
}
