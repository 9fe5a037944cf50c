import "server-only";
import { clientAddress } from "@/lib/auth/client-address";
import type { SignInLimits } from "@/lib/auth/sign-in-limits";
import { serverEnv } from "@/lib/config/env";

let warnedNoAddress = false;

/** The requesting client's address for the sign-in limits (lib/auth/client-address.ts), from the configured trust. */
export function requestClientAddress(headers: Headers): string | null {
  const address = clientAddress(headers, { trustProxy: serverEnv().TRUST_PROXY_TLS });
  if (!address && !warnedNoAddress) {
    warnedNoAddress = true;
    console.warn("[auth] no client address: serve the portal with `npm start` (scripts/serve.mjs); until then every client shares one sign-in budget");
  }
  return address;
}

export function configuredSignInLimits(): SignInLimits {
  const env = serverEnv();
  return {
    perAddress: env.LOGIN_RATE_LIMIT_PER_ADDRESS,
    windowSeconds: env.LOGIN_RATE_LIMIT_WINDOW_SECONDS,
    maxFailures: env.LOGIN_MAX_FAILURES,
    maxFailuresPerAccount: env.LOGIN_MAX_FAILURES_PER_ACCOUNT,
    lockBaseSeconds: env.LOGIN_LOCK_BASE_SECONDS,
    // Auth.js refuses to run without AUTH_SECRET, so an empty key is never used by a running portal.
    keySecret: env.AUTH_SECRET ?? "",
  };
}
