import { createHmac } from "node:crypto";

/**
 * The study's key within one PoC: HMAC-SHA256 of its StudyInstanceUID under the PoC's secret. The
 * same study imported twice (pulled or pushed) has the same key, another PoC gets another key, and
 * the UID cannot be read back from it.
 */
export function studyImportKey(pocSecret: string, studyInstanceUid: string): string {
  return createHmac("sha256", pocSecret).update(`study-import:${studyInstanceUid}`).digest("hex");
}

/** The case's idempotency key (a UUID, as uploads use) derived from the study key: one study, one case. */
export function caseKeyForStudy(studyKey: string): string {
  const hex = studyKey.slice(0, 32).split("");
  // Version 4 and the RFC 4122 variant, so it is a well-formed UUID like a browser's.
  hex[12] = "4";
  hex[16] = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  const text = hex.join("");
  return `${text.slice(0, 8)}-${text.slice(8, 12)}-${text.slice(12, 16)}-${text.slice(16, 20)}-${text.slice(20, 32)}`;
}
