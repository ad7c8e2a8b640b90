import { RULE_METRIC_KINDS, type GuardrailRule, type GuardrailRuleKind, type RuleMetric } from "@/server/core/guardrails/guardrail-rules";
import type { EnvironmentGuardrails } from "@/server/core/guardrails/environment-guardrails";
import { toPercentNumber } from "./format";

/** The threshold fields of the rule kinds (fractions on the server, percentages in the form). */
export type ThresholdField = "minRelativeIncrease" | "maxMeanIncrease" | "maxP95Increase" | "maxRate" | "minRelativeChange";

export const THRESHOLD_FIELDS: Record<GuardrailRuleKind, readonly { field: ThresholdField; label: string }[]> = {
  security_signal: [],
  error_rate: [{ field: "minRelativeIncrease", label: "Minimum increase (%)" }],
  latency: [
    { field: "maxMeanIncrease", label: "Mean increase (%)" },
    { field: "maxP95Increase", label: "p95 increase (%)" },
  ],
  auth_failure: [
    { field: "minRelativeIncrease", label: "Minimum increase (%)" },
    { field: "maxRate", label: "Rate bound (%)" },
  ],
  sla_burn: [],
  degradation: [{ field: "minRelativeChange", label: "Minimum degradation (%)" }],
};

/** One rule as the editor holds it: the metric and the thresholds as typed (percent text). */
export type RuleDraft = { id: number; kind: GuardrailRuleKind; metricKey: string; thresholds: Partial<Record<ThresholdField, string>> };

let nextId = 1;

export function draftOf(rule: GuardrailRule): RuleDraft {
  const thresholds: RuleDraft["thresholds"] = {};
  for (const { field } of THRESHOLD_FIELDS[rule.kind]) {
    const value = (rule as Partial<Record<ThresholdField, number>>)[field];
    thresholds[field] = value === undefined ? "" : String(toPercentNumber(value));
  }
  return { id: nextId++, kind: rule.kind, metricKey: rule.kind === "security_signal" ? "" : rule.metricKey, thresholds };
}

/** Percent text → fraction; empty or not a number → NaN, which the server refuses at the field. */
function fraction(text: string | undefined): number {
  const trimmed = (text ?? "").trim();
  return trimmed === "" ? Number.NaN : Number(trimmed) / 100;
}

/** The rule the server gets (it validates every field and names the one that is wrong). */
export function ruleOf(draft: RuleDraft): Record<string, unknown> {
  if (draft.kind === "security_signal") return { kind: draft.kind };
  const rule: Record<string, unknown> = { kind: draft.kind, metricKey: draft.metricKey };
  for (const { field } of THRESHOLD_FIELDS[draft.kind]) rule[field] = fraction(draft.thresholds[field]);
  return rule;
}

/** The experiment's metrics a rule of this kind may watch. */
export function metricsFor(kind: GuardrailRuleKind, metrics: readonly RuleMetric[]): RuleMetric[] {
  if (kind === "security_signal") return [];
  const kinds = RULE_METRIC_KINDS[kind];
  return metrics.filter((m) => kinds.includes(m.kind));
}

/** Whether one more rule of this kind can be added (security signals once; others need a metric not yet watched by that kind). */
export function canAdd(kind: GuardrailRuleKind, drafts: readonly RuleDraft[], metrics: readonly RuleMetric[]): boolean {
  if (kind === "security_signal") return !drafts.some((d) => d.kind === kind);
  const used = new Set(drafts.filter((d) => d.kind === kind).map((d) => d.metricKey));
  return metricsFor(kind, metrics).some((m) => !used.has(m.key));
}

/** A new rule of this kind on the first metric it does not watch yet, with the environment's default thresholds. */
export function newDraft(kind: GuardrailRuleKind, drafts: readonly RuleDraft[], metrics: readonly RuleMetric[], defaults: EnvironmentGuardrails): RuleDraft {
  const used = new Set(drafts.filter((d) => d.kind === kind).map((d) => d.metricKey));
  const metricKey = metricsFor(kind, metrics).find((m) => !used.has(m.key))?.key ?? "";
  const pct = (x: number) => String(toPercentNumber(x));
  const thresholds: Record<GuardrailRuleKind, RuleDraft["thresholds"]> = {
    security_signal: {},
    error_rate: { minRelativeIncrease: pct(defaults.errorRateIncrease) },
    latency: { maxMeanIncrease: pct(defaults.latencyMeanIncrease), maxP95Increase: pct(defaults.latencyP95Increase) },
    auth_failure: { minRelativeIncrease: pct(defaults.authFailureIncrease), maxRate: pct(defaults.authFailureMaxRate) },
    sla_burn: {},
    degradation: { minRelativeChange: pct(defaults.errorRateIncrease) },
  };
  return { id: nextId++, kind, metricKey, thresholds: thresholds[kind] };
}

/** A server message without the field path it starts with ("rules.1.metricKey: Choose a metric." → "Choose a metric."). */
export function withoutPath(message: string): string {
  return message.replace(/^rules(\.\d+)?(\.\w+)?: /, "");
}
