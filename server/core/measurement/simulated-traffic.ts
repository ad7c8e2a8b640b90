/**
 * Pure generators behind `npm run keel -- simulate` (server/cli/simulate.ts): the metric events a
 * simulated user sends after being exposed to an experiment, with a chosen true effect (--lift)
 * in the non-control variations. Deterministic: every user draws from its own random stream,
 * derived from the seed and the user's index, so the same seed gives the same users, variations
 * dropped by --imbalance, events and event ids, whatever order the evaluations come back in.
 *
 * What a user sends, per metric kind (factor = 1 + lift where higher is better, 1 − lift where
 * lower is better, applied to the non-control variations only):
 *
 * | kind        | control                                              | variant                      |
 * |-------------|------------------------------------------------------|------------------------------|
 * | conversion  | one event with probability p = design baseline rate  | p × factor                   |
 * | retention   | one event 1 s after exposure with probability 0.4    | 0.4 × factor                 |
 * | count       | Poisson(3) events                                    | Poisson(3 × factor)          |
 * | revenue     | converts with p = baseline rate, value ≈ lognormal 40| value × factor               |
 * | latency     | 1–5 events, value ≈ 200 ms × lognormal noise         | value × factor               |
 * | error_rate  | 10 request events, Binomial(10, 2 %) error events    | Binomial(10, 2 % × factor × errorFactor) |
 *
 * Every event is stamped within a second after the exposure (see server/core/metrics/unit-metric.ts:
 * events before the exposure never count; retention needs a later event inside its window).
 */
import type { MetricDirection, MetricKind } from "../metrics/metric-input";

/** A uniform random number in [0, 1), like Math.random (which server/core does not use). */
export type RandomSource = () => number;

/** mulberry32: a tiny, fast 32-bit PRNG; plenty for simulated traffic (not for secrets). */
export function mulberry32(seed: number): RandomSource {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** MurmurHash3's finaliser: spreads neighbouring integers over all 32 bits. */
function mix32(x: number): number {
  let h = x >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** The random stream of simulated user `index` under `seed` (independent of every other user's). */
export function unitRandom(seed: number, index: number): RandomSource {
  const low = index >>> 0;
  const high = Math.floor(index / 4294967296) >>> 0;
  return mulberry32(mix32(mix32(seed >>> 0) ^ mix32(low + 0x9e3779b9) ^ mix32(high + 0x7f4a7c15)));
}

/** The targeting key of simulated user `index`: the randomisation unit the flag is evaluated for. */
export function simulatedUnitId(seed: number, index: number): string {
  return `sim-${seed}-${index}`;
}

/** A metric of the experiment, as the generators need it (MetricDefinition's columns). */
export type SimulatedMetric = {
  key: string;
  kind: MetricKind;
  direction: MetricDirection;
  eventName: string;
  denominatorEventName: string;
  retentionDays: number;
};

/** The event names a metric's simulated events use. */
function emittedNames(metric: SimulatedMetric): string[] {
  return metric.kind === "error_rate" ? [metric.eventName, metric.denominatorEventName] : [metric.eventName];
}

/**
 * Which metrics get simulated events. Two metrics sending the same event name would distort each
 * other (a latency metric's request event is not an error rate's denominator of value 1), so a
 * metric whose events an earlier one already sends is skipped and said why; so is an error rate
 * without its request (denominator) event.
 */
export function planMetrics(metrics: readonly SimulatedMetric[]): { simulated: SimulatedMetric[]; skipped: { key: string; reason: string }[] } {
  const simulated: SimulatedMetric[] = [];
  const skipped: { key: string; reason: string }[] = [];
  const claimedBy = new Map<string, string>();
  const seen = new Set<string>();
  for (const metric of metrics) {
    if (seen.has(metric.key)) continue;
    seen.add(metric.key);
    if (metric.kind === "error_rate" && !metric.denominatorEventName) {
      skipped.push({ key: metric.key, reason: "an error rate without a request (denominator) event cannot be measured" });
      continue;
    }
    const clash = emittedNames(metric).find((name) => claimedBy.has(name));
    if (clash !== undefined) {
      skipped.push({ key: metric.key, reason: `its event “${clash}” is already simulated for metric “${claimedBy.get(clash)}”` });
      continue;
    }
    for (const name of emittedNames(metric)) claimedBy.set(name, metric.key);
    simulated.push(metric);
  }
  return { simulated, skipped };
}

/**
 * How much a non-control variation changes a metric's value: a positive lift is an improvement,
 * so the value goes up where higher is better and down (never below zero) where lower is better.
 */
export function effectFactor(direction: MetricDirection, lift: number): number {
  return direction === "decrease" ? Math.max(0, 1 - lift) : 1 + lift;
}

const clampProbability = (p: number) => Math.min(0.999, Math.max(0.001, p));

/** A draw from the standard normal distribution (Box–Muller). */
export function normal(random: RandomSource): number {
  const u = 1 - random(); // (0, 1]
  const v = random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/** A lognormal draw whose mean is `mean` (σ of the underlying normal: `sigma`). */
export function lognormal(random: RandomSource, mean: number, sigma: number): number {
  return mean * Math.exp(sigma * normal(random) - (sigma * sigma) / 2);
}

/** A Poisson draw (Knuth's method: fine for the small means simulated here). */
export function poisson(random: RandomSource, mean: number): number {
  if (mean <= 0) return 0;
  const limit = Math.exp(-mean);
  let k = 0;
  let product = random();
  while (product > limit) {
    k += 1;
    product *= random();
  }
  return k;
}

export function binomial(random: RandomSource, trials: number, p: number): number {
  let k = 0;
  for (let i = 0; i < trials; i++) if (random() < p) k += 1;
  return k;
}

export const SIMULATION_DEFAULTS = {
  retentionRate: 0.4,
  countMean: 3,
  revenueMean: 40,
  revenueSigma: 0.5,
  latencyMs: 200,
  latencySigma: 0.3,
  requestsPerUser: 10,
  errorRate: 0.02,
} as const;

/** A metric event as POST /api/v1/events takes it (server/core/events/event-batch.ts). */
export type SimulatedMetricEvent = { type: "metric"; id: string; unitId: string; eventName: string; value: number; timestamp: string };

export type SimulateUnitInput = {
  seed: number;
  index: number;
  experimentKey: string;
  /** the variation the unit was served, and whether it is the experiment's control */
  isControl: boolean;
  /** relative true effect in the non-control variations (0.05 = 5 % better) */
  lift: number;
  /** share of the non-control variations' units dropped (exposure and events): a sample ratio mismatch */
  imbalance: number;
  /** multiplies the non-control variations' error rates (3 = three times control's): trips error-rate guardrails */
  errorFactor?: number;
  /** the design's baseline rate: conversion (and revenue's conversion) probability in the control */
  baselineRate: number;
  metrics: readonly SimulatedMetric[];
  exposedAtMs: number;
};

/**
 * One exposed user's metric events, or `dropped` when --imbalance removes the user (a
 * non-control unit whose exposure and events are then never sent). The same input always gives
 * the same result; ids are `<unitId>:<experimentKey>:<eventName>:<n>`, so a rerun is idempotent.
 */
export function simulateUnit(input: SimulateUnitInput): { dropped: boolean; events: SimulatedMetricEvent[] } {
  const random = unitRandom(input.seed, input.index);
  // always the first draw, so dropping never shifts the user's other draws
  const dropDraw = random();
  if (!input.isControl && dropDraw < input.imbalance) return { dropped: true, events: [] };

  const unitId = simulatedUnitId(input.seed, input.index);
  const events: SimulatedMetricEvent[] = [];
  const counters = new Map<string, number>();
  const emit = (eventName: string, value: number, offsetMs?: number) => {
    const n = counters.get(eventName) ?? 0;
    counters.set(eventName, n + 1);
    const atMs = input.exposedAtMs + (offsetMs ?? 1 + Math.floor(random() * 999));
    events.push({ type: "metric", id: `${unitId}:${input.experimentKey}:${eventName}:${n}`, unitId, eventName, value, timestamp: new Date(atMs).toISOString() });
  };
  const D = SIMULATION_DEFAULTS;
  const baseline = clampProbability(input.baselineRate);

  for (const metric of input.metrics) {
    const factor = input.isControl ? 1 : effectFactor(metric.direction, input.lift);
    switch (metric.kind) {
      case "conversion":
        if (random() < clampProbability(baseline * factor)) emit(metric.eventName, 1);
        break;
      case "retention":
        // the return visit: a second after the exposure, well inside any retention window (≥ 1 day)
        if (random() < clampProbability(D.retentionRate * factor)) emit(metric.eventName, 1, 1000);
        break;
      case "count": {
        const n = poisson(random, D.countMean * factor);
        for (let i = 0; i < n; i++) emit(metric.eventName, 1);
        break;
      }
      case "revenue":
        if (random() < baseline) emit(metric.eventName, round2(lognormal(random, D.revenueMean, D.revenueSigma) * factor));
        break;
      case "latency": {
        const n = 1 + Math.floor(random() * 5);
        for (let i = 0; i < n; i++) emit(metric.eventName, round2(lognormal(random, D.latencyMs, D.latencySigma) * factor));
        break;
      }
      case "error_rate": {
        const errors = binomial(random, D.requestsPerUser, Math.min(1, D.errorRate * factor * (input.isControl ? 1 : (input.errorFactor ?? 1))));
        for (let i = 0; i < D.requestsPerUser; i++) emit(metric.denominatorEventName, 1);
        for (let i = 0; i < errors; i++) emit(metric.eventName, 1);
        break;
      }
    }
  }
  return { dropped: false, events };
}

const round2 = (x: number) => Math.round(x * 100) / 100;
