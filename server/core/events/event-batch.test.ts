import { describe, expect, it } from "vitest";
import { AppError } from "../errors";
import { BatchTooLargeError, MAX_EVENTS_PER_BATCH, parseEventBatch } from "./event-batch";

const now = new Date("2026-11-25T12:00:00Z");
const exposure = { type: "exposure", id: "x1", unitId: "u1", experimentKey: "checkout", variation: "on", timestamp: "2026-11-25T11:59:00Z" };
const metric = { type: "metric", id: "m1", unitId: "u1", eventName: "purchase", value: 12.5, timestamp: "2026-11-25T11:59:30+01:00" };

function fieldOf(body: unknown): string {
  try {
    parseEventBatch(body, now);
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return Object.keys((error as AppError).fieldErrors)[0]!;
  }
  throw new Error("expected the batch to be refused");
}

describe("event batches", () => {
  it("reads exposures and metric events; a metric event without a value counts as one occurrence", () => {
    const [e, m, plain] = parseEventBatch({ events: [exposure, metric, { ...metric, id: "m2", value: undefined }] }, now);
    expect(e).toMatchObject({ type: "exposure", experimentKey: "checkout", variation: "on", flagKey: null, environment: null });
    expect(m).toMatchObject({ type: "metric", value: 12.5 });
    expect(m!.at.toISOString()).toBe("2026-11-25T10:59:30.000Z");
    expect(plain).toMatchObject({ value: 1 });
  });

  it("names the field of the first bad event", () => {
    expect(fieldOf({})).toBe("events");
    expect(fieldOf({ events: [exposure, { ...metric, value: -1 }] })).toBe("events.1.value");
    expect(fieldOf({ events: [{ ...metric, value: "NaN" }] })).toBe("events.0.value");
    expect(fieldOf({ events: [{ ...exposure, timestamp: "yesterday" }] })).toBe("events.0.timestamp");
    expect(fieldOf({ events: [{ ...exposure, timestamp: "2026-11-25T12:06:00Z" }] })).toBe("events.0.timestamp");
    expect(fieldOf({ events: [{ ...exposure, unitId: "" }] })).toBe("events.0.unitId");
    expect(fieldOf({ events: [{ ...exposure, experimentKey: undefined }] })).toBe("events.0.experimentKey");
    expect(fieldOf({ events: [exposure, { ...metric, id: "x1" }] })).toBe("events.1.id");
  });

  it("allows five minutes of clock skew", () => {
    expect(parseEventBatch({ events: [{ ...exposure, timestamp: "2026-11-25T12:04:59Z" }] }, now)).toHaveLength(1);
  });

  it("refuses more than the batch limit as too large", () => {
    const events = Array.from({ length: MAX_EVENTS_PER_BATCH + 1 }, (_, i) => ({ ...exposure, id: `x${i}` }));
    expect(() => parseEventBatch({ events }, now)).toThrow(BatchTooLargeError);
  });
});
