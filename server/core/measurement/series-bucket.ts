/**
 * The time buckets of the charts over time. Totals change with every batch; each change is added
 * to the bucket of the event's time, whose width grows with the experiment's age so a chart has a
 * few hundred points at most whatever the duration: minutes in the first two hours (a demo moves
 * within a minute), hours up to the third day, then days.
 */
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export function bucketWidthMs(ageMs: number): number {
  if (ageMs < 2 * HOUR) return MINUTE;
  if (ageMs < 3 * DAY) return HOUR;
  return DAY;
}

/** The start (epoch ms) of the bucket holding `atMs` for an experiment started at `startedAtMs`. */
export function seriesBucketMs(startedAtMs: number, atMs: number): number {
  const at = Math.max(atMs, startedAtMs);
  const width = bucketWidthMs(at - startedAtMs);
  return Math.floor(at / width) * width;
}
