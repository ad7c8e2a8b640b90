import { describe, expect, it } from "vitest";
import { bucketUpperBound, histogramBucket, histogramQuantile } from "./latency-histogram";

describe("latency histogram", () => {
  it("puts each value in a bucket whose upper bound is within 5 % above it", () => {
    for (const v of [1, 1.5, 37, 120, 999.9, 45_000]) {
      const upper = bucketUpperBound(histogramBucket(v));
      expect(upper).toBeGreaterThanOrEqual(v);
      expect(upper).toBeLessThanOrEqual(v * 1.05 + 1e-9);
    }
    expect(histogramBucket(0)).toBe(0);
  });

  it("reads the 95th percentile of 1..1000 ms within 5 %", () => {
    const counts = new Map<number, number>();
    for (let v = 1; v <= 1000; v++) counts.set(histogramBucket(v), (counts.get(histogramBucket(v)) ?? 0) + 1);
    const p95 = histogramQuantile([...counts].map(([bucket, count]) => ({ bucket, count })), 0.95)!;
    expect(p95).toBeGreaterThanOrEqual(950);
    expect(p95).toBeLessThanOrEqual(950 * 1.05);
    expect(histogramQuantile([], 0.95)).toBeNull();
  });
});
