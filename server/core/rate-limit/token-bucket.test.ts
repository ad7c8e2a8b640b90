import { describe, expect, it } from "vitest";
import { createRateLimiter } from "./token-bucket";

describe("per-key rate limiter", () => {
  it("allows a burst, then refuses with the seconds until the next request is allowed", () => {
    const limiter = createRateLimiter({ perSecond: 2, burst: 3 });
    expect([1, 2, 3].map(() => limiter.take("k", 0).allowed)).toEqual([true, true, true]);
    expect(limiter.take("k", 0)).toEqual({ allowed: false, retryAfterSeconds: 1 });
    expect(limiter.take("k", 500).allowed).toBe(true); // half a second refills one token at 2/s
    expect(limiter.take("k", 500).allowed).toBe(false);
  });

  it("keeps keys apart", () => {
    const limiter = createRateLimiter({ perSecond: 1, burst: 1 });
    expect(limiter.take("a", 0).allowed).toBe(true);
    expect(limiter.take("a", 0).allowed).toBe(false);
    expect(limiter.take("b", 0).allowed).toBe(true);
  });

  it("reports a longer wait when the rate is below one request a second", () => {
    const limiter = createRateLimiter({ perSecond: 0.1, burst: 1 });
    limiter.take("k", 0);
    expect(limiter.take("k", 0)).toEqual({ allowed: false, retryAfterSeconds: 10 });
  });

  it("is off when the rate is zero", () => {
    const limiter = createRateLimiter({ perSecond: 0 });
    for (let i = 0; i < 1000; i++) expect(limiter.take("k", 0).allowed).toBe(true);
  });
});
