import "server-only";
import { siteRowScope, type SiteReach } from "@/lib/auth/site-scope";
import { openSecret, sealSecret } from "@/lib/auth/secret-box";
import type { Db } from "@/lib/db/client";
import { generateSigningKey } from "./bundle-signature";

// The HKDF purpose for federation signing keys: separate from every other key derived from AUTH_SECRET.
const signingKeyPurpose = "federation-signing-key";

/** This instance's Ed25519 key for a site, created on first use; the private key is stored sealed. */
export async function getOrCreateSigningKey(db: Db, siteId: string, authSecret: string) {
  const existing = await db.federationSigningKey.findUnique({ where: { siteId } });
  if (existing) {
    const privateKeyPem = openSecret(existing.sealedPrivateKey, authSecret, signingKeyPurpose);
    if (!privateKeyPem) throw new Error("the site's signing key cannot be opened with this AUTH_SECRET");
    return { keyId: existing.keyId, publicKeyPem: existing.publicKeyPem, privateKeyPem };
  }
  const key = generateSigningKey();
  await db.federationSigningKey.upsert({
    where: { siteId },
    create: { siteId, keyId: key.keyId, publicKeyPem: key.publicKeyPem, sealedPrivateKey: sealSecret(key.privateKeyPem, authSecret, signingKeyPurpose) },
    update: {},
  });
  // A concurrent first use may have won the upsert: read back whichever key is stored.
  return getOrCreateSigningKey(db, siteId, authSecret);
}

/** The public half only, for the page an admin copies it from. */
export function findSigningPublicKey(db: Db, siteId: string) {
  return db.federationSigningKey.findUnique({ where: { siteId }, select: { keyId: true, publicKeyPem: true } });
}

/** Public keys of the sites the actor may export for (admins: every site with a key). */
export async function listSiteSigningKeys(db: Db, actor: SiteReach) {
  const keys = await db.federationSigningKey.findMany({
    where: siteRowScope(actor),
    select: { siteId: true, keyId: true, publicKeyPem: true },
  });
  const sites = await db.site.findMany({ where: { id: { in: keys.map((k) => k.siteId) } }, select: { id: true, code: true } });
  return keys.map((key) => ({ ...key, siteCode: sites.find((s) => s.id === key.siteId)?.code ?? "" }));
}
