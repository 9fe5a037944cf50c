import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify } from "node:crypto";
import { canonicalJson, sha256Hex } from "./canonical-json";
import type { EvidenceBundle, SignedBundle } from "./bundle-schema";

export type SigningKeyPair = { keyId: string; publicKeyPem: string; privateKeyPem: string };

/** The first 16 hex digits of sha256(SPKI DER): short enough to read aloud when registering a site. */
export function keyIdOf(publicKeyPem: string): string {
  return sha256Hex(createPublicKey(publicKeyPem).export({ type: "spki", format: "der" })).slice(0, 16);
}

export function generateSigningKey(): SigningKeyPair {
  const { publicKey, privateKey } = generateKeyPairSync("ed25519");
  const publicKeyPem = publicKey.export({ type: "spki", format: "pem" }).toString();
  return { keyId: keyIdOf(publicKeyPem), publicKeyPem, privateKeyPem: privateKey.export({ type: "pkcs8", format: "pem" }).toString() };
}

/** Ed25519 (RFC 8032, deterministic) over the canonical bytes of the payload. */
export function signBundle(payload: EvidenceBundle, privateKeyPem: string): SignedBundle {
  const value = sign(null, Buffer.from(canonicalJson(payload)), createPrivateKey(privateKeyPem)).toString("base64");
  return { payload, signature: { algorithm: "Ed25519", keyId: payload.site.keyId, value } };
}

export function verifyBundleSignature(bundle: SignedBundle, publicKeyPem: string): boolean {
  try {
    return verify(null, Buffer.from(canonicalJson(bundle.payload)), createPublicKey(publicKeyPem), Buffer.from(bundle.signature.value, "base64"));
  } catch {
    return false;
  }
}

/** The bundle's identity for replay checks: sha256 of the canonical payload. */
export const bundleHash = (payload: EvidenceBundle) => sha256Hex(canonicalJson(payload));

/** The bytes a site downloads: canonical JSON of the signed envelope, so a re-export of the same data is byte-identical. */
export const serialiseSignedBundle = (bundle: SignedBundle) => canonicalJson(bundle);
