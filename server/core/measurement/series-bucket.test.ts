import { describe, expect, it } from "vitest";
import { bucketWidthMs, seriesBucketMs } from "./series-bucket";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

describe("chart buckets", () => {
  it("widen with the experiment's age: minutes, then hours, then days", () => {
    expect(bucketWidthMs(0)).toBe(MINUTE);
    expect(bucketWidthMs(2 * HOUR)).toBe(HOUR);
    expect(bucketWidthMs(3 * DAY)).toBe(DAY);
  });

  it("start at a whole width and never before the experiment started", () => {
    const started = Date.UTC(2026, 10, 25, 10, 0, 30);
    expect(seriesBucketMs(started, started + 45_000)).toBe(Date.UTC(2026, 10, 25, 10, 1));
    expect(seriesBucketMs(started, started - DAY)).toBe(Date.UTC(2026, 10, 25, 10, 0));
    expect(seriesBucketMs(started, started + 5 * HOUR + 10 * MINUTE)).toBe(Date.UTC(2026, 10, 25, 15));
  });
});
