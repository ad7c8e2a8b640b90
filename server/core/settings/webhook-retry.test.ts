import { describe, expect, it } from "vitest";
import { WEBHOOK_MAX_ATTEMPTS, webhookRetryDelayMs } from "./webhook-retry";

describe("webhook retry backoff", () => {
  it("doubles from 5 s after each failed attempt and is capped at 30 minutes", () => {
    expect([1, 2, 3, 4].map(webhookRetryDelayMs)).toEqual([5_000, 10_000, 20_000, 40_000]);
    expect(webhookRetryDelayMs(20)).toBe(30 * 60_000);
    expect(WEBHOOK_MAX_ATTEMPTS).toBe(8);
  });
});
