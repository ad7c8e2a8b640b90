/**
 * Per-key rate limiting for the service-facing APIs: a token bucket per SDK key. Each key may
 * burst up to `burst` requests, refilled at `perSecond`. Time is passed in (milliseconds), so
 * the limiter is deterministic and unit-tested; callers keep one limiter per process.
 */
export type RateLimitVerdict = { allowed: true } | { allowed: false; retryAfterSeconds: number };

export type RateLimiter = {
  take(key: string, nowMs: number): RateLimitVerdict;
};

/** `perSecond` ≤ 0 turns limiting off. Buckets idle for a minute are forgotten (bounded memory). */
export function createRateLimiter(options: { perSecond: number; burst?: number; maxKeys?: number }): RateLimiter {
  const { perSecond } = options;
  if (perSecond <= 0) return { take: () => ALLOWED };
  const burst = Math.max(1, options.burst ?? perSecond * 2);
  const maxKeys = options.maxKeys ?? 100_000;
  const buckets = new Map<string, { tokens: number; at: number }>();
  return {
    take(key, nowMs) {
      let bucket = buckets.get(key);
      if (!bucket) {
        if (buckets.size >= maxKeys) forgetIdle(buckets, nowMs);
        bucket = { tokens: burst, at: nowMs };
        buckets.set(key, bucket);
      } else {
        bucket.tokens = Math.min(burst, bucket.tokens + ((nowMs - bucket.at) / 1000) * perSecond);
        bucket.at = nowMs;
      }
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1;
        return ALLOWED;
      }
      return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - bucket.tokens) / perSecond)) };
    },
  };
}

const ALLOWED: RateLimitVerdict = { allowed: true };

function forgetIdle(buckets: Map<string, { at: number }>, nowMs: number) {
  for (const [key, bucket] of buckets) if (nowMs - bucket.at > 60_000) buckets.delete(key);
  if (buckets.size > 0 && buckets.size >= 100_000) buckets.clear();
}
