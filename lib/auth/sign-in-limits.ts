import { createHmac } from "node:crypto";
import type { Db, Tx } from "@/lib/db/client";

/**
 * Failed sign-ins, counted in the database so every app instance sees the same numbers. Only failures
 * count: a right password never uses up anyone's budget.
 * - per client address, in fixed windows, whatever accounts it names (password spraying);
 * - per account × client address, consecutive: after `maxFailures` that address is locked out of that
 *   account for `lockBaseSeconds`, doubling with each further failure (a stranger cannot lock the owner
 *   out, who signs in from elsewhere);
 * - per account across all addresses (User.failedLoginCount), with the higher `maxFailuresPerAccount`
 *   and the same doubling, against guessing spread over many addresses.
 */
export type SignInLimits = {
  perAddress: number;
  windowSeconds: number;
  maxFailures: number;
  maxFailuresPerAccount: number;
  lockBaseSeconds: number;
  /** Keys the table's HMACs, so it holds no address or e-mail. */
  keySecret: string;
};

/** Who is trying: the address is null when the server could not say (all such clients share one budget). */
export type SignInClient = { address: string | null; email: string };

type SignInRefusal = "rate_limited" | "locked_for_address";

// A pair's failures are forgotten two days after the last one: longer than the longest lock (a day).
const pairMemoryMs = 2 * 24 * 3600 * 1000;

/** The lock after `failedCount` consecutive failures: none below `maxFailures`, then doubling, capped at a day. */
function lockDurationSeconds(failedCount: number, policy: { maxFailures: number; lockBaseSeconds: number }): number {
  if (failedCount < policy.maxFailures) return 0;
  return Math.min(policy.lockBaseSeconds * 2 ** (failedCount - policy.maxFailures), 24 * 3600);
}

function throttleKeys(client: SignInClient, limits: SignInLimits, nowMs: number) {
  const windowMs = limits.windowSeconds * 1000;
  const windowIndex = Math.floor(nowMs / windowMs);
  const address = client.address ?? "unknown";
  const key = (...parts: (string | number)[]) => createHmac("sha256", limits.keySecret).update(parts.join("\n")).digest("base64url");
  return {
    address: key("address", address, windowIndex),
    addressExpiresAt: new Date((windowIndex + 1) * windowMs),
    pair: key("pair", address, client.email),
  };
}

/** Why this attempt must be refused without checking the password, or null. */
export async function signInRefusal(db: Db | Tx, client: SignInClient, limits: SignInLimits, now = new Date()): Promise<SignInRefusal | null> {
  const keys = throttleKeys(client, limits, now.getTime());
  const rows = await db.signInThrottle.findMany({ where: { keyHash: { in: [keys.address, keys.pair] }, expiresAt: { gt: now } } });
  const byAddress = rows.find((row) => row.keyHash === keys.address);
  if (byAddress && byAddress.failures >= limits.perAddress) return "rate_limited";
  const pair = rows.find((row) => row.keyHash === keys.pair);
  const lockMs = pair ? lockDurationSeconds(pair.failures, limits) * 1000 : 0;
  return pair && lockMs > 0 && pair.lastFailureAt.getTime() + lockMs > now.getTime() ? "locked_for_address" : null;
}

/** Counts one failure for the address and the account × address pair: one upsert-increment for both. */
export async function countSignInFailure(db: Db | Tx, client: SignInClient, limits: SignInLimits, now = new Date()): Promise<void> {
  const keys = throttleKeys(client, limits, now.getTime());
  const pairExpiresAt = new Date(now.getTime() + pairMemoryMs);
  // A row past its expiry that the sweep has not removed yet starts again from 1.
  await db.$executeRaw`
    INSERT INTO "SignInThrottle" ("keyHash", "failures", "lastFailureAt", "expiresAt")
    VALUES (${keys.address}, 1, ${now}, ${keys.addressExpiresAt}), (${keys.pair}, 1, ${now}, ${pairExpiresAt})
    ON CONFLICT ("keyHash") DO UPDATE SET
      "failures" = CASE WHEN "SignInThrottle"."expiresAt" <= EXCLUDED."lastFailureAt" THEN 1 ELSE "SignInThrottle"."failures" + 1 END,
      "lastFailureAt" = EXCLUDED."lastFailureAt",
      "expiresAt" = EXCLUDED."expiresAt"`;
  // Rows another sign-in holds are left for the next sweep rather than waited for.
  await db.$executeRaw`DELETE FROM "SignInThrottle" WHERE "keyHash" IN (SELECT "keyHash" FROM "SignInThrottle" WHERE "expiresAt" < ${now} FOR UPDATE SKIP LOCKED)`;
}

/** After a successful sign-in: the pair's count starts again (the address's window does not). */
export async function forgetSignInFailures(db: Db | Tx, client: SignInClient, limits: SignInLimits, now = new Date()): Promise<void> {
  await db.signInThrottle.deleteMany({ where: { keyHash: throttleKeys(client, limits, now.getTime()).pair } });
}

/** One more failure for the account across all addresses; locks it past `maxFailuresPerAccount`. */
export async function countAccountFailure(tx: Tx, userId: string, limits: SignInLimits, now = new Date()): Promise<void> {
  // The increment locks the row, so concurrent failures count one after another.
  const { failedLoginCount } = await tx.user.update({ where: { id: userId }, data: { failedLoginCount: { increment: 1 } }, select: { failedLoginCount: true } });
  const lockSeconds = lockDurationSeconds(failedLoginCount, { maxFailures: limits.maxFailuresPerAccount, lockBaseSeconds: limits.lockBaseSeconds });
  if (lockSeconds > 0) await tx.user.update({ where: { id: userId }, data: { lockedUntil: new Date(now.getTime() + lockSeconds * 1000) } });
}
