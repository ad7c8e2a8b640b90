import { describe, expect, it } from "vitest";
import { cleanupListOf, daysSince } from "./cleanup-lists";

const now = new Date("2026-12-05T12:00:00Z");
const days = (n: number) => new Date(now.getTime() + n * 24 * 3600 * 1000);

describe("the Cleanup page's lists", () => {
  it("lists an expired flag as expired, whatever its activity", () => {
    expect(cleanupListOf({ createdAt: days(-60), expiresAt: days(-1), lastEvaluatedAt: days(0) }, now)).toBe("expired");
    expect(cleanupListOf({ createdAt: days(-60), expiresAt: now, lastEvaluatedAt: null }, now)).toBe("expired");
  });
  it("lists a flag expiring within 7 days", () => {
    expect(cleanupListOf({ createdAt: days(-10), expiresAt: days(7), lastEvaluatedAt: days(0) }, now)).toBe("expiring_soon");
    expect(cleanupListOf({ createdAt: days(-10), expiresAt: days(8), lastEvaluatedAt: days(0) }, now)).toBeNull();
  });
  it("lists a flag nobody evaluated for 30 days, but not a young one", () => {
    expect(cleanupListOf({ createdAt: days(-40), expiresAt: days(40), lastEvaluatedAt: days(-31) }, now)).toBe("unused");
    expect(cleanupListOf({ createdAt: days(-40), expiresAt: days(40), lastEvaluatedAt: null }, now)).toBe("unused");
    expect(cleanupListOf({ createdAt: days(-40), expiresAt: days(40), lastEvaluatedAt: days(-29) }, now)).toBeNull();
    expect(cleanupListOf({ createdAt: days(-20), expiresAt: days(40), lastEvaluatedAt: null }, now)).toBeNull();
  });
  it("counts ages in whole days", () => {
    expect(daysSince(days(-3), now)).toBe(3);
    expect(daysSince(days(1), now)).toBe(0);
  });
});
