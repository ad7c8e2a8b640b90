import type { EnvironmentGuardrails } from "@/server/core/guardrails/environment-guardrails";

export type ReliabilityKey = keyof EnvironmentGuardrails;

/** One field of the reliability budget form: its label, how it is shown, and what it means. */
export type ReliabilityField = {
  key: ReliabilityKey;
  label: string;
  /** shown as a percentage (99.9) but stored as a fraction (0.999) */
  percent: boolean;
  /** the unit after the value in read-only views */
  unit: string;
  hint: string;
  step: string;
};

const field = (key: ReliabilityKey, label: string, percent: boolean, unit: string, hint: string, step = percent ? "any" : "1"): ReliabilityField => ({
  key,
  label,
  percent,
  unit,
  hint,
  step,
});

/** The reliability budget: the SLA, its error budget and the burn-rate alert that protects it. */
export const BUDGET_FIELDS: readonly ReliabilityField[] = [
  field("slaTarget", "SLA target (%)", true, "%", "Share of requests that must succeed. The error budget is what is left: 100 % − SLA (99.9 % leaves 0.1 %)."),
  field("budgetWindowDays", "Budget window (days)", false, "days", "The period the error budget is spent over."),
  field("shortWindowMinutes", "Short burn-rate window (minutes)", false, "min", "Reacts quickly to a burst of errors. Both windows must exceed the threshold before an experiment is aborted."),
  field("longWindowMinutes", "Long burn-rate window (minutes)", false, "min", "Ignores brief spikes. Longer than the short window and inside the budget window."),
  field("burnRateThreshold", "Burn-rate threshold (×)", false, "×", "A burn rate of 1× spends exactly the budget over the budget window; an experiment whose variant adds errors this many times faster is aborted.", "any"),
  field("minRequestsPerWindow", "Minimum requests per window", false, "requests", "Fewer requests than this in a window are too few to judge the burn rate."),
];

/** The guardrail defaults that pre-fill the rules of new experiments in this environment. */
export const DEFAULT_RULE_FIELDS: readonly ReliabilityField[] = [
  field("errorRateIncrease", "Error-rate increase (%)", true, "%", "Abort when the variant's error rate is this much higher than the control's (relative)."),
  field("latencyMeanIncrease", "Mean latency increase (%)", true, "%", "Relative increase of mean latency over the control that aborts."),
  field("latencyP95Increase", "p95 latency increase (%)", true, "%", "Relative increase of the 95th-percentile latency that aborts."),
  field("authFailureIncrease", "Auth-failure increase (%)", true, "%", "Relative increase of sign-in and session failures that aborts."),
  field("authFailureMaxRate", "Auth-failure rate bound (%)", true, "%", "Absolute bound: above this share of failed auth attempts the variant is aborted whatever the control does."),
  field("minUnitsPerVariation", "Minimum units per variation", false, "units", "No verdict before each variation has seen this many units."),
];

export const RELIABILITY_FIELDS: readonly ReliabilityField[] = [...BUDGET_FIELDS, ...DEFAULT_RULE_FIELDS];

/** Rounds away binary noise (0.999 × 100 = 99.89999…). */
const clean = (x: number) => Number(x.toPrecision(12));

/** The value as the form shows it (a fraction becomes a percentage). */
export function displayValue(f: ReliabilityField, value: number): string {
  return String(f.percent ? clean(value * 100) : value);
}

/** What the form sends for a typed value; null when it is not a number. */
export function storedValue(f: ReliabilityField, typed: string): number | null {
  if (typed.trim() === "") return null;
  const n = Number(typed);
  if (!Number.isFinite(n)) return null;
  return f.percent ? clean(n / 100) : n;
}

/** A fraction as a percentage for reading: 0.995 → "99.5 %" (`digits` after the point at most). */
export function formatPercent(fraction: number, digits = 4): string {
  return `${clean(fraction * 100).toLocaleString("en-US", { maximumFractionDigits: digits })} %`;
}

export function formatNumber(n: number): string {
  return n.toLocaleString("en-US", { maximumFractionDigits: 3 });
}

/** A field's value for reading: "99.9 %", "30 days", "14.4 ×". */
export function formatField(f: ReliabilityField, value: number): string {
  if (f.percent) return formatPercent(value);
  return f.unit === "×" ? `${formatNumber(value)}×` : `${formatNumber(value)} ${f.unit}`;
}

/** Share of the whole error budget a burn at the threshold spends over the long window (14.4× over 1 h of 30 days → 2 %). */
export function budgetSpentAtThreshold(r: Pick<EnvironmentGuardrails, "burnRateThreshold" | "longWindowMinutes" | "budgetWindowDays">): number {
  return (r.burnRateThreshold * r.longWindowMinutes) / (r.budgetWindowDays * 1_440);
}

/** The highest burn rate an SLA allows (every request failing): 1 / error budget. */
export function maxBurnRate(slaTarget: number): number {
  return 1 / (1 - slaTarget);
}
