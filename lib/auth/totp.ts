import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";

// RFC 4648 §6 base32 (the alphabet authenticator apps expect in otpauth:// URIs).
const base32Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

export function base32Encode(bytes: Uint8Array, { padding = true } = {}): string {
  let bits = 0;
  let value = 0;
  let output = "";
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      output += base32Alphabet[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) output += base32Alphabet[(value << (5 - bits)) & 31];
  return padding ? output.padEnd(Math.ceil(output.length / 8) * 8, "=") : output;
}

/** Accepts lower case, spaces and missing padding (people type secrets by hand); null when not base32. */
export function base32Decode(text: string): Buffer | null {
  const cleaned = text.replace(/[\s=]/g, "").toUpperCase();
  let bits = 0;
  let value = 0;
  const bytes: number[] = [];
  for (const character of cleaned) {
    const index = base32Alphabet.indexOf(character);
    if (index < 0) return null;
    value = ((value << 5) | index) & 0xffff;
    bits += 5;
    if (bits >= 8) {
      bytes.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(bytes);
}

/** RFC 4226 HOTP with HMAC-SHA1 and dynamic truncation. */
export function hotp(secret: Uint8Array, counter: number, digits = 6): string {
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(BigInt(counter));
  const mac = createHmac("sha1", secret).update(message).digest();
  const offset = mac[mac.length - 1]! & 0x0f;
  const binary = mac.readUInt32BE(offset) & 0x7fffffff;
  return String(binary % 10 ** digits).padStart(digits, "0");
}

const totpStepSeconds = 30;

export function totpStep(nowMs: number): number {
  return Math.floor(nowMs / 1000 / totpStepSeconds);
}

export function totpCode(secret: Uint8Array, nowMs: number, digits = 6): string {
  return hotp(secret, totpStep(nowMs), digits);
}

export function isTotpCodeShape(text: string): boolean {
  return /^\d{6}$/.test(text);
}

/**
 * The step whose code matches, looking one step either side for clock drift (RFC 6238 §5.2), or null.
 * Steps at or before `lastUsedStep` are never accepted, so an observed code cannot be replayed.
 */
export function matchTotpStep(secret: Uint8Array, code: string, nowMs: number, lastUsedStep: number | null = null): number | null {
  if (!isTotpCodeShape(code)) return null;
  const current = totpStep(nowMs);
  let matched: number | null = null;
  // Compare every candidate in constant time, so timing does not reveal which step matched.
  for (const step of [current - 1, current, current + 1]) {
    const equal = timingSafeEqual(Buffer.from(hotp(secret, step)), Buffer.from(code));
    if (equal && (lastUsedStep === null || step > lastUsedStep)) matched ??= step;
  }
  return matched;
}

/** 160 random bits, the HMAC-SHA1 key length RFC 4226 recommends. */
export function generateTotpSecret(): Buffer {
  return randomBytes(20);
}

export function otpauthUri({ issuer, accountName, secret }: { issuer: string; accountName: string; secret: Uint8Array }): string {
  const label = `${encodeURIComponent(issuer)}:${encodeURIComponent(accountName)}`;
  const query = new URLSearchParams({ secret: base32Encode(secret, { padding: false }), issuer, algorithm: "SHA1", digits: "6", period: String(totpStepSeconds) });
  return `otpauth://totp/${label}?${query}`;
}
