import { describe, expect, it } from "vitest";
import { applyEvent, EMPTY_STATE, unitValue, type UnitState } from "../metrics/unit-metric";
import {
  effectFactor,
  mulberry32,
  planMetrics,
  poisson,
  simulatedUnitId,
  simulateUnit,
  unitRandom,
  type SimulatedMetric,
  type SimulateUnitInput,
} from "./simulated-traffic";

const metric = (overrides: Partial<SimulatedMetric> & Pick<SimulatedMetric, "key" | "kind">): SimulatedMetric => ({
  direction: "increase",
  eventName: overrides.key,
  denominatorEventName: "",
  retentionDays: 7,
  ...overrides,
});

const METRICS: SimulatedMetric[] = [
  metric({ key: "checkout", kind: "conversion" }),
  metric({ key: "returns", kind: "retention" }),
  metric({ key: "clicks", kind: "count" }),
  metric({ key: "revenue", kind: "revenue" }),
  metric({ key: "latency", kind: "latency", direction: "decrease" }),
  metric({ key: "errors", kind: "error_rate", direction: "decrease", denominatorEventName: "request_served" }),
];

const EXPOSED_AT = Date.UTC(2026, 10, 25, 10, 0, 0);
const base = (overrides: Partial<SimulateUnitInput> = {}): SimulateUnitInput => ({
  seed: 1,
  index: 0,
  experimentKey: "checkout-test",
  isControl: true,
  lift: 0.05,
  imbalance: 0,
  baselineRate: 0.1,
  metrics: METRICS,
  exposedAtMs: EXPOSED_AT,
  ...overrides,
});

/** The mean per-unit value of each metric over `units` simulated users, as the server computes it. */
function meanValues(units: number, overrides: Partial<SimulateUnitInput>) {
  const metrics = overrides.metrics ?? METRICS;
  const sums = new Map<string, { sum: number; n: number }>();
  let dropped = 0;
  for (let index = 0; index < units; index++) {
    const { dropped: gone, events } = simulateUnit(base({ ...overrides, index }));
    if (gone) {
      dropped += 1;
      continue;
    }
    const timed = events.map((e) => ({ eventName: e.eventName, value: e.value, atMs: Date.parse(e.timestamp) }));
    for (const m of metrics) {
      let state: UnitState = EMPTY_STATE;
      for (const e of timed) state = applyEvent(m, state, e, EXPOSED_AT) ?? state;
      const value = unitValue(m.kind, state);
      if (value === null) continue;
      const s = sums.get(m.key) ?? { sum: 0, n: 0 };
      sums.set(m.key, { sum: s.sum + value, n: s.n + 1 });
    }
  }
  return { dropped, mean: (key: string) => sums.get(key)!.sum / sums.get(key)!.n };
}

/** variant mean / control mean of one metric, simulated alone. */
function liftOf(m: SimulatedMetric, units: number, lift: number): { control: number; ratio: number } {
  const control = meanValues(units, { metrics: [m], isControl: true, lift }).mean(m.key);
  const variant = meanValues(units, { metrics: [m], isControl: false, lift }).mean(m.key);
  return { control, ratio: variant / control };
}

const byKey = (key: string) => METRICS.find((m) => m.key === key)!;

describe("seeded randomness", () => {
  it("repeats a stream for the same seed and differs between seeds and users", () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    const drawsA = Array.from({ length: 5 }, a);
    expect(Array.from({ length: 5 }, b)).toEqual(drawsA);
    expect(drawsA.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(unitRandom(1, 7)()).toBe(unitRandom(1, 7)());
    expect(unitRandom(1, 7)()).not.toBe(unitRandom(1, 8)());
    expect(unitRandom(1, 7)()).not.toBe(unitRandom(2, 7)());
  });

  it("draws uniform numbers and Poisson counts with the right means", () => {
    const random = mulberry32(9);
    let sum = 0;
    for (let i = 0; i < 20_000; i++) sum += random();
    expect(sum / 20_000).toBeCloseTo(0.5, 2);
    let count = 0;
    for (let i = 0; i < 20_000; i++) count += poisson(random, 3);
    expect(count / 20_000).toBeCloseTo(3, 1);
  });
});

describe("simulated users", () => {
  it("are deterministic, with ids made of seed, user and event index, stamped after the exposure", () => {
    const first = simulateUnit(base({ index: 12 }));
    expect(simulateUnit(base({ index: 12 }))).toEqual(first);
    expect(first.dropped).toBe(false);
    expect(first.events.length).toBeGreaterThan(0);
    const ids = first.events.map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toContain("sim-1-12:checkout-test:request_served:0");
    expect(ids).toContain("sim-1-12:checkout-test:request_served:9");
    for (const e of first.events) {
      expect(e.unitId).toBe(simulatedUnitId(1, 12));
      expect(e.id.startsWith("sim-1-12:checkout-test:")).toBe(true);
      const at = Date.parse(e.timestamp);
      expect(at).toBeGreaterThan(EXPOSED_AT);
      expect(at).toBeLessThanOrEqual(EXPOSED_AT + 1000);
    }
    expect(simulateUnit(base({ index: 12, seed: 2 })).events.map((e) => e.id)).not.toEqual(ids);
  });

  it("give the variants the lift over control: up where higher is better, down where lower is better", () => {
    // a 30 % lift on 20,000 simulated users per arm: every ratio lands within ±0.08 (over 3 standard errors)
    const near = (ratio: number, expected: number) => {
      expect(ratio).toBeGreaterThan(expected - 0.08);
      expect(ratio).toBeLessThan(expected + 0.08);
    };
    const checkout = liftOf(byKey("checkout"), 20_000, 0.3);
    expect(checkout.control).toBeCloseTo(0.1, 1);
    near(checkout.ratio, 1.3);
    near(liftOf(byKey("returns"), 20_000, 0.3).ratio, 1.3);
    const clicks = liftOf(byKey("clicks"), 20_000, 0.3);
    expect(clicks.control).toBeCloseTo(3, 1);
    near(clicks.ratio, 1.3);
    near(liftOf(byKey("revenue"), 20_000, 0.3).ratio, 1.3);
    const latency = liftOf(byKey("latency"), 10_000, 0.3);
    expect(latency.control).toBeGreaterThan(190);
    expect(latency.control).toBeLessThan(210);
    near(latency.ratio, 0.7);
    near(liftOf(byKey("errors"), 20_000, 0.3).ratio, 0.7);
  });

  it("have no effect with lift 0 and a negative effect with a negative lift", () => {
    const checkout = [byKey("checkout")];
    const control = meanValues(10_000, { metrics: checkout, isControl: true, lift: 0 }).mean("checkout");
    expect(meanValues(10_000, { metrics: checkout, isControl: false, lift: 0 }).mean("checkout")).toBe(control);
    expect(liftOf(byKey("checkout"), 20_000, -0.3).ratio).toBeLessThan(0.78);
    expect(liftOf(byKey("latency"), 10_000, -0.3).ratio).toBeGreaterThan(1.22);
  });

  it("drop about the --imbalance share of the variants' users, never control users", () => {
    const n = 50_000;
    const dropped = meanValues(n, { metrics: [], isControl: false, imbalance: 0.01 }).dropped / n;
    expect(dropped).toBeGreaterThan(0.0085);
    expect(dropped).toBeLessThan(0.0115);
    expect(meanValues(n, { metrics: [], isControl: false, imbalance: 0.1 }).dropped / n).toBeCloseTo(0.1, 2);
    expect(meanValues(n, { metrics: [], isControl: true, imbalance: 0.5 }).dropped).toBe(0);
    // dropping a user leaves the users who stay exactly as they were
    const kept = simulateUnit(base({ index: 3, isControl: false, imbalance: 0 }));
    const again = simulateUnit(base({ index: 3, isControl: false, imbalance: 0.01 }));
    if (!again.dropped) expect(again).toEqual(kept);
  });
});

describe("effect and metric plan", () => {
  it("turns a lift into a factor by the metric's direction", () => {
    expect(effectFactor("increase", 0.05)).toBeCloseTo(1.05);
    expect(effectFactor("decrease", 0.05)).toBeCloseTo(0.95);
    expect(effectFactor("decrease", 2)).toBe(0);
    expect(effectFactor("increase", -0.5)).toBe(0.5);
  });

  it("skips an error rate without a request event and metrics whose events another metric already sends", () => {
    const plan = planMetrics([
      metric({ key: "latency", kind: "latency", eventName: "request_served" }),
      metric({ key: "errors", kind: "error_rate", eventName: "request_failed", denominatorEventName: "request_served" }),
      metric({ key: "broken", kind: "error_rate", eventName: "oops" }),
      metric({ key: "checkout", kind: "conversion" }),
      metric({ key: "checkout", kind: "conversion" }),
    ]);
    expect(plan.simulated.map((m) => m.key)).toEqual(["latency", "checkout"]);
    expect(plan.skipped).toEqual([
      { key: "errors", reason: "its event “request_served” is already simulated for metric “latency”" },
      { key: "broken", reason: "an error rate without a request (denominator) event cannot be measured" },
    ]);
  });
});
