import type { ArmErrorMinuteRow } from "../measurement/aggregate-batch";
import type { ExperimentResults, MetricView } from "../measurement/experiment-results";
import { DEFAULT_SEQUENTIAL_TUNING, differenceConfidenceSequence } from "../stats/sequential";
import { errorBudget, type EnvironmentGuardrails } from "./environment-guardrails";
import { GUARDRAIL_RULE_LABELS, type GuardrailRule, type MetricRule } from "./guardrail-rules";

/**
 * checkGuardrails: is a running experiment healthy? Pure: the monitor (server/services/guardrails)
 * reads the running totals, the per-minute error counts and the security signals and acts on the
 * answer; the experiment page and the ramp guard show and use the same answer.
 *
 * - Statistical rules (error rate, latency mean, auth failures, degradation) compare each variant
 *   with control on per-unit values. A rule breaches only when the variant is worse with an
 *   always-valid (sequential) interval that excludes no difference — so a monitor that looks every
 *   few seconds does not inflate false aborts — AND the relative change is at least the rule's
 *   threshold, AND every arm has the minimum sample. Noise on tiny samples never aborts.
 * - Latency p95 and the auth-failure absolute bound are descriptive thresholds, also only with the
 *   minimum sample.
 * - SLA burn: the variant's extra error rate over control, as a multiple of the environment's error
 *   budget, must reach the threshold over the short window (point estimate) and over the long one
 *   (lower bound of an always-valid interval), each with the minimum requests in both arms.
 * - Security signals attributed to a variant abort at once: no statistics, no minimum.
 */

export type GuardrailStatus = "healthy" | "breached" | "insufficient_data";

export type RuleVerdict = {
  rule: GuardrailRule;
  label: string;
  metricKey: string | null;
  status: GuardrailStatus;
  /** the variation that breached (or the one the figures describe) */
  variation: string | null;
  /** what the figures say, in words */
  summary: string;
  figures: Record<string, number | string | null>;
};

export type GuardrailCheck = {
  verdicts: RuleVerdict[];
  /** the first breached rule (security signals first), or null */
  breach: RuleVerdict | null;
  /** every rule healthy with its minimum sample: ramping may proceed */
  healthy: boolean;
};

/** Per minute and variation: requests and errors of an error-rate metric. */
export type ErrorMinute = Omit<ArmErrorMinuteRow, "experimentId">;
export type SecuritySignal = { variation: string; unitId: string; eventId: string; eventName: string; atMs: number };

export type GuardrailInput = {
  rules: readonly GuardrailRule[];
  settings: EnvironmentGuardrails;
  results: ExperimentResults;
  errorMinutes: readonly ErrorMinute[];
  signals: readonly SecuritySignal[];
  nowMs: number;
};

const pct = (x: number | null) => (x === null || !Number.isFinite(x) ? "—" : `${Math.round(x * 1000) / 10} %`);
const round = (x: number | null, digits = 4) => (x === null || !Number.isFinite(x) ? null : Math.round(x * 10 ** digits) / 10 ** digits);

const RANK: Record<GuardrailStatus, number> = { breached: 2, insufficient_data: 1, healthy: 0 };

export function checkGuardrails(input: GuardrailInput): GuardrailCheck {
  const verdicts = input.rules.map((rule) => checkRule(rule, input));
  const breaches = verdicts.filter((v) => v.status === "breached");
  const breach = breaches.find((v) => v.rule.kind === "security_signal") ?? breaches[0] ?? null;
  return { verdicts, breach, healthy: verdicts.every((v) => v.status === "healthy") };
}

function verdict(rule: GuardrailRule, status: GuardrailStatus, variation: string | null, summary: string, figures: RuleVerdict["figures"] = {}): RuleVerdict {
  return { rule, label: GUARDRAIL_RULE_LABELS[rule.kind], metricKey: rule.kind === "security_signal" ? null : rule.metricKey, status, variation, summary, figures };
}

function checkRule(rule: GuardrailRule, input: GuardrailInput): RuleVerdict {
  if (rule.kind === "security_signal") return checkSignals(rule, input);
  const metric = input.results.metrics.find((m) => m.key === rule.metricKey);
  if (!metric) return verdict(rule, "insufficient_data", null, `${rule.metricKey} is not measured by this experiment.`);
  if (rule.kind === "sla_burn") return checkBurn(rule, metric, input);
  // the worst variant decides: breached over insufficient over healthy
  const perVariant = metric.analysis.variants.map((_, i) => checkVariant(rule, metric, i, input.settings));
  return perVariant.reduce((worst, v) => (RANK[v.status] > RANK[worst.status] ? v : worst), perVariant[0]!);
}

function checkSignals(rule: GuardrailRule, input: GuardrailInput): RuleVerdict {
  const control = input.results.variations.find((v) => v.isControl)?.key;
  const inVariant = input.signals.filter((s) => s.variation !== control).sort((a, b) => a.atMs - b.atMs);
  if (inVariant.length === 0) {
    return verdict(rule, "healthy", null, "No security signal from a variant's units.", { signals: 0, controlSignals: input.signals.length });
  }
  const first = inVariant[0]!;
  return verdict(
    rule,
    "breached",
    first.variation,
    `Security signal “${first.eventName}” from unit ${first.unitId} in variation ${first.variation} (${inVariant.length} in all).`,
    { signals: inVariant.length, eventName: first.eventName, unitId: first.unitId, eventId: first.eventId, at: new Date(first.atMs).toISOString() },
  );
}

/** A variant's relative change against control in the metric's bad direction (+0.2 = 20 % worse). */
function worseBy(metric: MetricView, controlMean: number | null, variantMean: number | null): number | null {
  if (controlMean === null || variantMean === null) return null;
  const diff = metric.direction === "decrease" ? variantMean - controlMean : controlMean - variantMean;
  if (controlMean === 0) return diff > 0 ? Infinity : 0;
  return diff / Math.abs(controlMean);
}

function thresholdOf(rule: MetricRule): number {
  switch (rule.kind) {
    case "error_rate":
    case "auth_failure":
      return rule.minRelativeIncrease;
    case "latency":
      return rule.maxMeanIncrease;
    case "degradation":
      return rule.minRelativeChange;
    case "sla_burn":
      return Infinity;
  }
}

function checkVariant(rule: MetricRule, metric: MetricView, index: number, settings: EnvironmentGuardrails): RuleVerdict {
  const { control } = metric.analysis;
  const variant = metric.analysis.variants[index]!;
  const minUnits = settings.minUnitsPerVariation;
  const relative = worseBy(metric, control.mean, variant.mean);
  const ci = variant.sequential?.ci ?? null;
  const significantlyWorse = ci !== null && (metric.direction === "decrease" ? ci.lower > 0 : ci.upper < 0);
  const figures: RuleVerdict["figures"] = {
    controlUnits: control.units,
    variantUnits: variant.units,
    control: round(control.mean),
    variant: round(variant.mean),
    worseBy: round(relative),
    threshold: thresholdOf(rule),
    intervalLower: round(ci?.lower ?? null, 6),
    intervalUpper: round(ci?.upper ?? null, 6),
  };
  const values = `${metric.key}: ${variant.key} ${round(variant.mean)} vs control ${round(control.mean)}`;
  if (Math.min(control.units, variant.units) < minUnits) {
    return verdict(rule, "insufficient_data", variant.key, `Not enough data yet: ${Math.min(control.units, variant.units)} of ${minUnits} units in the smallest arm.`, figures);
  }
  if (rule.kind === "auth_failure" && variant.mean !== null && variant.mean > rule.maxRate) {
    return verdict(rule, "breached", variant.key, `${values}: the rate ${pct(variant.mean)} is above the bound ${pct(rule.maxRate)}.`, { ...figures, maxRate: rule.maxRate });
  }
  if (rule.kind === "latency") {
    const p95Control = metric.p95?.[control.key] ?? null;
    const p95Variant = metric.p95?.[variant.key] ?? null;
    const p95Worse = worseBy(metric, p95Control, p95Variant);
    figures.p95Control = round(p95Control);
    figures.p95Variant = round(p95Variant);
    figures.p95WorseBy = round(p95Worse);
    if (p95Worse !== null && p95Worse >= rule.maxP95Increase) {
      return verdict(rule, "breached", variant.key, `${metric.key}: p95 ${round(p95Variant)} in ${variant.key} is ${pct(p95Worse)} above control's ${round(p95Control)} (limit ${pct(rule.maxP95Increase)}).`, figures);
    }
  }
  const threshold = thresholdOf(rule);
  if (significantlyWorse && relative !== null && relative >= threshold) {
    return verdict(rule, "breached", variant.key, `${values}: ${pct(relative)} worse, significant (always-valid interval), limit ${pct(threshold)}.`, figures);
  }
  return verdict(rule, "healthy", variant.key, `${values}${relative !== null && relative > 0 ? ` (${pct(relative)} worse${significantlyWorse ? "" : ", not significant"})` : ""}.`, figures);
}

type WindowCounts = { requests: number; errors: number };

function windowCounts(rows: readonly ErrorMinute[], metricId: string, variation: string, fromMs: number): WindowCounts {
  let requests = 0;
  let errors = 0;
  for (const r of rows) {
    if (r.metricId !== metricId || r.variation !== variation || r.minuteMs + 60_000 <= fromMs) continue;
    requests += r.requests;
    errors += r.errors;
  }
  return { requests, errors };
}

/** The variant's extra error rate over control in a window, as a burn rate of the budget (with an always-valid lower bound). */
function excessBurn(control: WindowCounts, variant: WindowCounts, budget: number, alpha: number) {
  const pc = control.requests ? control.errors / control.requests : 0;
  const pv = variant.requests ? variant.errors / variant.requests : 0;
  const excess = pv - pc;
  const se = Math.sqrt((pc * (1 - pc)) / Math.max(1, control.requests) + (pv * (1 - pv)) / Math.max(1, variant.requests));
  const cs = differenceConfidenceSequence({ estimate: excess, standardError: se, nControl: control.requests, nTreatment: variant.requests }, alpha, DEFAULT_SEQUENTIAL_TUNING);
  return { pc, pv, burn: excess / budget, lowerBurn: cs ? cs.ci.lower / budget : excess / budget };
}

function checkBurn(rule: Extract<GuardrailRule, { kind: "sla_burn" }>, metric: MetricView, input: GuardrailInput): RuleVerdict {
  const { settings, nowMs } = input;
  const budget = errorBudget(settings);
  const controlKey = metric.analysis.control.key;
  const alpha = input.results.method.alpha;
  let worst: RuleVerdict | null = null;
  for (const variant of metric.analysis.variants) {
    const counts = (minutes: number) => {
      const from = nowMs - minutes * 60_000;
      return { control: windowCounts(input.errorMinutes, metric.id, controlKey, from), variant: windowCounts(input.errorMinutes, metric.id, variant.key, from) };
    };
    const short = counts(settings.shortWindowMinutes);
    const long = counts(settings.longWindowMinutes);
    const s = excessBurn(short.control, short.variant, budget, alpha);
    const l = excessBurn(long.control, long.variant, budget, alpha);
    const figures = {
      slaTarget: settings.slaTarget,
      threshold: settings.burnRateThreshold,
      shortWindowMinutes: settings.shortWindowMinutes,
      longWindowMinutes: settings.longWindowMinutes,
      shortBurn: round(s.burn, 2),
      longBurn: round(l.burn, 2),
      longBurnLowerBound: round(l.lowerBurn, 2),
      variantErrorRate: round(l.pv, 6),
      controlErrorRate: round(l.pc, 6),
      variantRequests: long.variant.requests,
      controlRequests: long.control.requests,
    };
    const fewest = Math.min(short.control.requests, short.variant.requests, long.control.requests, long.variant.requests);
    const v =
      fewest < settings.minRequestsPerWindow
        ? verdict(rule, "insufficient_data", variant.key, `Not enough requests yet: ${fewest} of ${settings.minRequestsPerWindow} in the smallest arm and window.`, figures)
        : s.burn >= settings.burnRateThreshold && l.lowerBurn >= settings.burnRateThreshold
          ? verdict(
              rule,
              "breached",
              variant.key,
              `${variant.key}'s extra errors burn the ${round(settings.slaTarget * 100, 3)} % SLA's error budget at ${round(s.burn, 1)}× over ${settings.shortWindowMinutes} min and at least ${round(l.lowerBurn, 1)}× over ${settings.longWindowMinutes} min (limit ${settings.burnRateThreshold}×).`,
              figures,
            )
          : verdict(rule, "healthy", variant.key, `Extra burn ${round(s.burn, 1)}× over ${settings.shortWindowMinutes} min, ${round(l.burn, 1)}× over ${settings.longWindowMinutes} min (limit ${settings.burnRateThreshold}×).`, figures);
    if (!worst || RANK[v.status] > RANK[worst.status]) worst = v;
  }
  return worst ?? verdict(rule, "insufficient_data", null, "No variant to compare.");
}
