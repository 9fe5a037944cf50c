// Sign-in attempts per client address and e-mail, and per address alone, in fixed windows. In memory:
// one process only. A deployment with several app instances needs a shared store (Redis, or a table)
// behind the same two functions; the per-account lockout in authenticate-with-password.ts is shared already.
export type RateLimitPolicy = { perAddressAndEmail: number; perAddress: number; windowMs: number };

type Window = { startedAtMs: number; count: number };

export function createSignInRateLimiter(policy: RateLimitPolicy) {
  const windows = new Map<string, Window>();

  function hit(key: string, limit: number, nowMs: number): boolean {
    const current = windows.get(key);
    if (!current || nowMs - current.startedAtMs >= policy.windowMs) {
      windows.set(key, { startedAtMs: nowMs, count: 1 });
      return true;
    }
    current.count += 1;
    return current.count <= limit;
  }

  return {
    /** Counts one attempt; false when the caller is over either limit (the attempt must not be checked). */
    allow(address: string, email: string, nowMs = Date.now()): boolean {
      // Forget finished windows now and then so the map cannot grow without bound.
      if (windows.size > 10_000) for (const [key, window] of windows) if (nowMs - window.startedAtMs >= policy.windowMs) windows.delete(key);
      const byPair = hit(`${address}|${email}`, policy.perAddressAndEmail, nowMs);
      const byAddress = hit(address, policy.perAddress, nowMs);
      return byPair && byAddress;
    },
  };
}

/** The client address as the server saw it: the first X-Forwarded-For entry (set by Next's server or a proxy). */
export function clientAddress(headers: Headers | undefined): string {
  return headers?.get("x-forwarded-for")?.split(",")[0]?.trim() || headers?.get("x-real-ip") || "unknown";
}
