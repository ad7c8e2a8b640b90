/**
 * Latency values in logarithmic buckets (each 5 % wider than the last), so an arm's high
 * percentile is shown without keeping every value: the answer is within 5 % of the exact one.
 * Descriptive only; the test compares per-unit means.
 */
const GROWTH = 1.05;
const LOG_GROWTH = Math.log(GROWTH);

/** Bucket index of a value ≥ 0 (0 for values below 1, e.g. sub-millisecond). */
export function histogramBucket(value: number): number {
  return value < 1 ? 0 : 1 + Math.floor(Math.log(value) / LOG_GROWTH);
}

/** The upper bound of a bucket: every value in it is at most this. */
export function bucketUpperBound(bucket: number): number {
  return bucket === 0 ? 1 : GROWTH ** bucket;
}

/** The q-quantile (0 < q < 1) from bucket counts; null when empty. Reports the bucket's upper bound. */
export function histogramQuantile(counts: ReadonlyArray<{ bucket: number; count: number }>, q: number): number | null {
  const sorted = [...counts].filter((c) => c.count > 0).sort((x, y) => x.bucket - y.bucket);
  const total = sorted.reduce((n, c) => n + c.count, 0);
  if (total === 0) return null;
  const rank = q * total;
  let seen = 0;
  for (const { bucket, count } of sorted) {
    seen += count;
    if (seen >= rank) return bucketUpperBound(bucket);
  }
  return bucketUpperBound(sorted[sorted.length - 1]!.bucket);
}
