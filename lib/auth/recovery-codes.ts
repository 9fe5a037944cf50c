import { randomBytes } from "node:crypto";
import { base32Encode } from "@/lib/auth/totp";

const recoveryCodeCount = 10;

/** Ten codes of 50 random bits each, shown once as XXXXX-XXXXX (base32: no 0/O or 1/I confusion). */
export function generateRecoveryCodes(count = recoveryCodeCount): string[] {
  return Array.from({ length: count }, () => {
    const code = base32Encode(randomBytes(7), { padding: false }).slice(0, 10);
    return `${code.slice(0, 5)}-${code.slice(5)}`;
  });
}

/** The form a code is hashed and compared in: what people type may have spaces, dashes or lower case. */
export function normalizeRecoveryCode(input: string): string {
  return input.replace(/[\s-]/g, "").toUpperCase();
}
