import type { MetricKind } from "./metric-input";

/**
 * How events become one number per unit (the randomisation unit, the user), per metric kind.
 * The unit of analysis is always the unit, never the raw event: a user who clicks 50 times is one
 * observation of "clicks per user", not 50 observations.
 *
 * Each unit carries two accumulators (a, b) per metric of an experiment it was exposed to:
 *
 * | kind        | a                            | b               | per-unit value          | units in the analysis |
 * |-------------|------------------------------|-----------------|-------------------------|-----------------------|
 * | conversion  | events after exposure        | –               | 1 if a ≥ 1, else 0      | all exposed units     |
 * | count       | events after exposure        | –               | a                       | all exposed units     |
 * | revenue     | Σ event values               | –               | a                       | all exposed units     |
 * | retention   | events in (exposure, +N days]| –               | 1 if a ≥ 1, else 0      | all exposed units     |
 * | error_rate  | error events                 | request events  | a / b                   | units with b ≥ 1      |
 * | latency     | Σ event values               | events          | a / b (the unit's mean) | units with b ≥ 1      |
 *
 * Events before the unit's exposure never count (the variation cannot have caused them).
 */

export type UnitState = { a: number; b: number };
export const EMPTY_STATE: UnitState = Object.freeze({ a: 0, b: 0 });

export type MetricRule = {
  kind: MetricKind;
  eventName: string;
  /** error rate: the request event (denominator) */
  denominatorEventName: string;
  /** retention: the window after exposure, in days */
  retentionDays: number;
};

export type UnitEvent = { eventName: string; value: number; atMs: number };

const DAY_MS = 24 * 60 * 60 * 1000;

/** The event names a metric listens to. */
export function eventNamesOf(rule: MetricRule): string[] {
  return rule.kind === "error_rate" && rule.denominatorEventName ? [rule.eventName, rule.denominatorEventName] : [rule.eventName];
}

/** The unit's state after `event`, or null when the event does not count for this metric. */
export function applyEvent(rule: MetricRule, state: UnitState, event: UnitEvent, exposedAtMs: number): UnitState | null {
  if (event.atMs < exposedAtMs) return null;
  const isMain = event.eventName === rule.eventName;
  switch (rule.kind) {
    case "conversion":
    case "count":
      return isMain ? { a: state.a + 1, b: state.b } : null;
    case "revenue":
      return isMain ? { a: state.a + event.value, b: state.b } : null;
    case "retention":
      // "returns": a later event, within the window after the first exposure
      return isMain && event.atMs > exposedAtMs && event.atMs <= exposedAtMs + rule.retentionDays * DAY_MS ? { a: state.a + 1, b: state.b } : null;
    case "error_rate":
      if (isMain) return { a: state.a + 1, b: state.b };
      return event.eventName === rule.denominatorEventName ? { a: state.a, b: state.b + 1 } : null;
    case "latency":
      return isMain ? { a: state.a + event.value, b: state.b + 1 } : null;
  }
}

/** Whether the unit counts in the analysis of its metric with no events at all (value 0). */
export function countsWithoutEvents(kind: MetricKind): boolean {
  return kind !== "error_rate" && kind !== "latency";
}

/** The unit's value, or null when it has no observation of a metric that needs one. */
export function unitValue(kind: MetricKind, state: UnitState): number | null {
  switch (kind) {
    case "conversion":
    case "retention":
      return state.a >= 1 ? 1 : 0;
    case "count":
    case "revenue":
      return state.a;
    case "error_rate":
    case "latency":
      return state.b >= 1 ? state.a / state.b : null;
  }
}

export type ArmDelta = { units: number; sum: number; sumSquares: number };

/**
 * How an arm's running totals change when one unit's state goes from `before` to `after`:
 * units = units with a value (used by kinds that need an observation), Σ value, Σ value².
 */
export function armDelta(kind: MetricKind, before: UnitState, after: UnitState): ArmDelta {
  const old = unitValue(kind, before);
  const next = unitValue(kind, after);
  return {
    units: (next === null ? 0 : 1) - (old === null ? 0 : 1),
    sum: (next ?? 0) - (old ?? 0),
    sumSquares: (next ?? 0) ** 2 - (old ?? 0) ** 2,
  };
}

/** The analysis family of a metric kind: share of units (two-proportion test) or mean per unit (Welch). */
export function analysisKindOf(kind: MetricKind): "proportion" | "mean" {
  return kind === "conversion" || kind === "retention" ? "proportion" : "mean";
}
