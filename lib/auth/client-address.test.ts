import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { clientAddress, normalizeAddress, socketAddressHeader } from "@/lib/auth/client-address";

const direct = { trustProxy: false };
const behindProxy = { trustProxy: true };

describe("client address", () => {
  it("is the socket address without a trusted proxy, whatever X-Forwarded-For claims", () => {
    const headers = new Headers({ [socketAddressHeader]: "192.0.2.10", "x-forwarded-for": "198.51.100.7", "x-real-ip": "198.51.100.8" });
    expect(clientAddress(headers, direct)).toBe("192.0.2.10");
    for (const claimed of ["203.0.113.1", "203.0.113.2, 10.0.0.1", "unknown"]) {
      headers.set("x-forwarded-for", claimed);
      expect(clientAddress(headers, direct)).toBe("192.0.2.10");
    }
  });

  it("is the right-most X-Forwarded-For entry behind a trusted proxy, the one the proxy appended", () => {
    const headers = new Headers({ [socketAddressHeader]: "10.0.0.2", "x-forwarded-for": "198.51.100.7, 203.0.113.9" });
    expect(clientAddress(headers, behindProxy)).toBe("203.0.113.9");
    // What the client put in front of it does not move the key.
    headers.set("x-forwarded-for", "1.1.1.1, 2.2.2.2, 203.0.113.9");
    expect(clientAddress(headers, behindProxy)).toBe("203.0.113.9");
    // A request that reached the app without passing the proxy has only its socket.
    headers.delete("x-forwarded-for");
    expect(clientAddress(headers, behindProxy)).toBe("10.0.0.2");
  });

  it("is null when the server did not say (not started through scripts/serve.mjs)", () => {
    expect(clientAddress(new Headers({ "x-forwarded-for": "198.51.100.7" }), direct)).toBeNull();
    expect(clientAddress(new Headers(), behindProxy)).toBeNull();
  });

  it("keys IPv6 clients by their /64 and IPv4-mapped addresses as IPv4", () => {
    expect(normalizeAddress("::ffff:127.0.0.3")).toBe("127.0.0.3");
    expect(normalizeAddress("2001:db8:1:2:aaaa::1")).toBe("2001:db8:1:2::/64");
    expect(normalizeAddress("2001:0db8:0001:0002:ffff:ffff:ffff:ffff")).toBe("2001:db8:1:2::/64");
    expect(normalizeAddress("2001:db8::1")).toBe("2001:db8:0:0::/64");
    expect(normalizeAddress("::1")).toBe("0:0:0:0::/64");
    expect(normalizeAddress("192.0.2.1")).toBe("192.0.2.1");
  });

  it("uses the header name that scripts/serve.mjs sets", () => {
    expect(readFileSync("scripts/serve.mjs", "utf8")).toContain(`const socketAddressHeader = "${socketAddressHeader}";`);
  });
});
