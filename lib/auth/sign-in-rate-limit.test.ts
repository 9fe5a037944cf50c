import { describe, expect, it } from "vitest";
import { clientAddress, createSignInRateLimiter } from "@/lib/auth/sign-in-rate-limit";

describe("sign-in rate limit", () => {
  const policy = { perAddressAndEmail: 3, perAddress: 5, windowMs: 60_000 };

  it("refuses the attempt after the per address and e-mail limit, until the window ends", () => {
    const limiter = createSignInRateLimiter(policy);
    expect([1, 2, 3].map(() => limiter.allow("10.0.0.1", "a@x.example", 0))).toEqual([true, true, true]);
    expect(limiter.allow("10.0.0.1", "a@x.example", 1000)).toBe(false);
    expect(limiter.allow("10.0.0.2", "a@x.example", 1000)).toBe(true);
    expect(limiter.allow("10.0.0.1", "a@x.example", 60_000)).toBe(true);
  });

  it("limits one address spraying many accounts", () => {
    const limiter = createSignInRateLimiter(policy);
    const results = Array.from({ length: 7 }, (_, index) => limiter.allow("10.0.0.9", `user${index}@x.example`, 0));
    expect(results).toEqual([true, true, true, true, true, false, false]);
  });

  it("reads the first forwarded address", () => {
    expect(clientAddress(new Headers({ "x-forwarded-for": "192.0.2.7, 10.0.0.1" }))).toBe("192.0.2.7");
    expect(clientAddress(undefined)).toBe("unknown");
  });
});
