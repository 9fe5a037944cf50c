import { isIPv4, isIPv6 } from "node:net";

/** Set by scripts/serve.mjs from the TCP socket, overwriting anything a client sent under this name. */
export const socketAddressHeader = "x-portal-socket-address";

/**
 * The client address that the sign-in limits are keyed by, or null when the server did not say (not
 * started through scripts/serve.mjs, e.g. `next dev`). Next's own server passes a client's
 * X-Forwarded-For through untouched and fills it in only when absent, so it is never trusted alone.
 * With `trustProxy` (TRUST_PROXY_TLS=1) the right-most X-Forwarded-For entry is used: the address the
 * proxy in front appended for the peer it saw; everything left of it is what that peer claimed.
 */
export function clientAddress(headers: Headers, options: { trustProxy: boolean }): string | null {
  const forwarded = options.trustProxy ? headers.get("x-forwarded-for")?.split(",").at(-1)?.trim() : undefined;
  const address = forwarded || headers.get(socketAddressHeader)?.trim();
  return address ? normalizeAddress(address) : null;
}

/**
 * IPv4-mapped IPv6 becomes plain IPv4; an IPv6 address becomes its /64 network, the smallest block a
 * subscriber gets, so one client cannot step through 2^64 addresses to escape its limit.
 */
export function normalizeAddress(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return mapped[1]!;
  if (isIPv4(address) || !isIPv6(address)) return address;
  const [head = "", tail = ""] = address.toLowerCase().split("::");
  const headGroups = head ? head.split(":") : [];
  const tailGroups = address.includes("::") ? (tail ? tail.split(":") : []) : [];
  const groups = [...headGroups, ...Array<string>(8 - headGroups.length - tailGroups.length).fill("0"), ...tailGroups];
  return `${groups.slice(0, 4).map((group) => group.replace(/^0+(?=.)/, "")).join(":")}::/64`;
}
