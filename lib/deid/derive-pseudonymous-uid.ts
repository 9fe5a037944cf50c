import { createHmac } from "node:crypto";

// Domain-separation labels, so a UID and a case key never produce the same HMAC input.
const uidLabel = "mmfm-deid/uid/v1\u0000";
const dateShiftLabel = "mmfm-deid/date-shift/v1\u0000";

/** Longest backwards date shift, in days: up to three years keeps season-of-year roughly plausible. */
export const maxDateShiftDays = 1095;

/**
 * Replaces a UID with "2.25.<decimal of 128 bits>" (PS3.5 B.2: UUID-derived UIDs under 2.25) taken
 * from HMAC-SHA256(PoC secret, UID). The same UID maps to the same new UID within a PoC, so series
 * and references stay linked; without the secret the mapping can be neither reversed nor recomputed.
 */
export function derivePseudonymousUid(pocSecret: string, originalUid: string): string {
  const digest = createHmac("sha256", pocSecret).update(uidLabel + originalUid.trim()).digest();
  const value = BigInt(`0x${digest.subarray(0, 16).toString("hex")}`);
  return `2.25.${value.toString(10)}`;
}

/**
 * The number of days every date of a case moves back: 1 to maxDateShiftDays, from HMAC-SHA256(PoC
 * secret, case key). One offset per case keeps intervals between the case's dates exact.
 */
export function deriveDateShiftDays(pocSecret: string, caseKey: string): number {
  const digest = createHmac("sha256", pocSecret).update(dateShiftLabel + caseKey).digest();
  return -(1 + (digest.readUInt32BE(0) % maxDateShiftDays));
}
