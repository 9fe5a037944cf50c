import { describe, expect, it } from "vitest";
import { base32Decode, base32Encode, hotp, matchTotpStep, otpauthUri, totpCode, totpStep } from "./totp";

// RFC 6238 Appendix B, SHA1 rows: the 20-byte ASCII secret "12345678901234567890", 8 digits.
const rfcSecret = Buffer.from("12345678901234567890", "ascii");
const rfc6238Vectors: [seconds: number, code: string][] = [
  [59, "94287082"],
  [1111111109, "07081804"],
  [1111111111, "14050471"],
  [1234567890, "89005924"],
  [2000000000, "69279037"],
  [20000000000, "65353130"],
];

describe("TOTP (RFC 6238)", () => {
  it.each(rfc6238Vectors)("at %i s gives %s (8 digits) and its last 6 digits", (seconds, code) => {
    expect(totpCode(rfcSecret, seconds * 1000, 8)).toBe(code);
    expect(totpCode(rfcSecret, seconds * 1000)).toBe(code.slice(2));
  });

  it("matches HOTP's RFC 4226 Appendix D values", () => {
    expect([0, 1, 2, 9].map((counter) => hotp(rfcSecret, counter))).toEqual(["755224", "287082", "359152", "520489"]);
  });

  it("accepts one step either side, not two, and never a step already used", () => {
    const nowMs = 1111111111_000;
    const step = totpStep(nowMs);
    expect(matchTotpStep(rfcSecret, hotp(rfcSecret, step - 1), nowMs)).toBe(step - 1);
    expect(matchTotpStep(rfcSecret, hotp(rfcSecret, step + 1), nowMs)).toBe(step + 1);
    expect(matchTotpStep(rfcSecret, hotp(rfcSecret, step + 2), nowMs)).toBeNull();
    expect(matchTotpStep(rfcSecret, hotp(rfcSecret, step - 2), nowMs)).toBeNull();
    expect(matchTotpStep(rfcSecret, hotp(rfcSecret, step), nowMs, step)).toBeNull();
    expect(matchTotpStep(rfcSecret, hotp(rfcSecret, step + 1), nowMs, step)).toBe(step + 1);
    expect(matchTotpStep(rfcSecret, "12345", nowMs)).toBeNull();
    expect(matchTotpStep(rfcSecret, "abcdef", nowMs)).toBeNull();
  });
});

describe("base32 (RFC 4648 §10)", () => {
  const vectors: [string, string][] = [
    ["", ""],
    ["f", "MY======"],
    ["fo", "MZXQ===="],
    ["foo", "MZXW6==="],
    ["foob", "MZXW6YQ="],
    ["fooba", "MZXW6YTB"],
    ["foobar", "MZXW6YTBOI======"],
  ];
  it.each(vectors)("encodes %j as %j and back", (plain, encoded) => {
    expect(base32Encode(Buffer.from(plain))).toBe(encoded);
    expect(base32Decode(encoded)?.toString()).toBe(plain);
  });

  it("decodes what people type: lower case, spaces, no padding; refuses other letters", () => {
    expect(base32Decode("mzxw 6ytb oi")?.toString()).toBe("foobar");
    expect(base32Decode("MZXW1")).toBeNull();
  });
});

it("builds an otpauth URI authenticator apps read", () => {
  const uri = otpauthUri({ issuer: "MMFM Portal", accountName: "a.b@test.example", secret: Buffer.from("foobar") });
  expect(uri).toBe("otpauth://totp/MMFM%20Portal:a.b%40test.example?secret=MZXW6YTBOI&issuer=MMFM+Portal&algorithm=SHA1&digits=6&period=30");
});
