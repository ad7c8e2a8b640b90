import { describe, expect, it } from "vitest";
import { applyEvent, armDelta, EMPTY_STATE, eventNamesOf, unitValue, type MetricRule, type UnitState } from "./unit-metric";

const DAY = 86_400_000;
const rule = (kind: MetricRule["kind"], extra: Partial<MetricRule> = {}): MetricRule => ({ kind, eventName: "e", denominatorEventName: "", retentionDays: 7, ...extra });

/** Applies events in order from an empty state (events that do not count leave the state as it is). */
function fold(r: MetricRule, events: { eventName?: string; value?: number; atMs: number }[], exposedAtMs = 0): UnitState {
  return events.reduce<UnitState>((s, e) => applyEvent(r, s, { eventName: e.eventName ?? "e", value: e.value ?? 1, atMs: e.atMs }, exposedAtMs) ?? s, EMPTY_STATE);
}

describe("per-unit metric values", () => {
  it("conversion: 1 for a unit with any event after exposure, however many", () => {
    expect(unitValue("conversion", fold(rule("conversion"), [{ atMs: 1 }, { atMs: 2 }, { atMs: 3 }]))).toBe(1);
    expect(unitValue("conversion", EMPTY_STATE)).toBe(0);
  });

  it("never counts an event before the exposure, nor another metric's event", () => {
    expect(applyEvent(rule("count"), EMPTY_STATE, { eventName: "e", value: 1, atMs: 5 }, 10)).toBeNull();
    expect(applyEvent(rule("count"), EMPTY_STATE, { eventName: "other", value: 1, atMs: 50 }, 10)).toBeNull();
  });

  it("count and revenue: events per unit and the sum of values", () => {
    expect(unitValue("count", fold(rule("count"), [{ atMs: 1 }, { atMs: 2 }]))).toBe(2);
    expect(unitValue("revenue", fold(rule("revenue"), [{ atMs: 1, value: 19.99 }, { atMs: 2, value: 5 }]))).toBeCloseTo(24.99, 12);
  });

  it("retention: a return after exposure within N days", () => {
    const r = rule("retention", { retentionDays: 7 });
    expect(unitValue("retention", fold(r, [{ atMs: 0 }]))).toBe(0); // the visit that exposed them is not a return
    expect(unitValue("retention", fold(r, [{ atMs: 7 * DAY }]))).toBe(1);
    expect(unitValue("retention", fold(r, [{ atMs: 7 * DAY + 1 }]))).toBe(0);
  });

  it("error rate: errors ÷ requests of the unit; a unit without requests has no value", () => {
    const r = rule("error_rate", { eventName: "error", denominatorEventName: "request" });
    expect(eventNamesOf(r)).toEqual(["error", "request"]);
    const s = fold(r, [{ eventName: "request", atMs: 1 }, { eventName: "request", atMs: 2 }, { eventName: "request", atMs: 3 }, { eventName: "request", atMs: 4 }, { eventName: "error", atMs: 5 }]);
    expect(unitValue("error_rate", s)).toBe(0.25);
    expect(unitValue("error_rate", fold(r, [{ eventName: "error", atMs: 1 }]))).toBeNull();
  });

  it("latency: the unit's mean", () => {
    expect(unitValue("latency", fold(rule("latency"), [{ atMs: 1, value: 100 }, { atMs: 2, value: 300 }]))).toBe(200);
    expect(unitValue("latency", EMPTY_STATE)).toBeNull();
  });
});

describe("arm deltas", () => {
  it("adds the change of the unit's value and of its square", () => {
    expect(armDelta("count", { a: 2, b: 0 }, { a: 3, b: 0 })).toEqual({ units: 0, sum: 1, sumSquares: 9 - 4 });
    expect(armDelta("conversion", { a: 1, b: 0 }, { a: 2, b: 0 })).toEqual({ units: 0, sum: 0, sumSquares: 0 });
  });

  it("counts a unit in the arm when its first observation arrives (latency, error rate)", () => {
    expect(armDelta("latency", EMPTY_STATE, { a: 120, b: 1 })).toEqual({ units: 1, sum: 120, sumSquares: 14_400 });
    expect(armDelta("latency", { a: 120, b: 1 }, { a: 300, b: 2 })).toEqual({ units: 0, sum: 30, sumSquares: 150 ** 2 - 120 ** 2 });
  });

  it("sums of deltas equal the totals computed from the final values, in any order of events", () => {
    const r = rule("latency");
    const values = [120, 80, 310, 95, 2000, 45];
    let sum = 0;
    let sumSquares = 0;
    let state = EMPTY_STATE;
    values.forEach((value, i) => {
      const next = applyEvent(r, state, { eventName: "e", value, atMs: i }, 0)!;
      const d = armDelta("latency", state, next);
      sum += d.sum;
      sumSquares += d.sumSquares;
      state = next;
    });
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    expect(sum).toBeCloseTo(mean, 9);
    expect(sumSquares).toBeCloseTo(mean * mean, 6);
  });
});
