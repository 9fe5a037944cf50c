import { describe, expect, it } from "vitest";
import { openSecret, sealSecret } from "./secret-box";

const key = "a-test-auth-secret-0123456789";

describe("secret box (AES-256-GCM, HKDF key)", () => {
  it("opens what it sealed; never stores the plaintext; a fresh IV each time", () => {
    const sealed = sealSecret("JBSWY3DPEHPK3PXP", key, "totp");
    expect(sealed).not.toContain("JBSWY3DPEHPK3PXP");
    expect(sealSecret("JBSWY3DPEHPK3PXP", key, "totp")).not.toBe(sealed);
    expect(openSecret(sealed, key, "totp")).toBe("JBSWY3DPEHPK3PXP");
  });

  it("refuses another key, another purpose, a flipped byte and garbage", () => {
    const sealed = sealSecret("JBSWY3DPEHPK3PXP", key, "totp");
    expect(openSecret(sealed, `${key}x`, "totp")).toBeNull();
    expect(openSecret(sealed, key, "other")).toBeNull();
    const [version, iv, tag, ciphertext] = sealed.split(".");
    const flipped = Buffer.from(ciphertext!, "base64url");
    flipped[0]! ^= 1;
    expect(openSecret([version, iv, tag, flipped.toString("base64url")].join("."), key, "totp")).toBeNull();
    expect(openSecret("not a box", key, "totp")).toBeNull();
  });
});
