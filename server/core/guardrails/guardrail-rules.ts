import { z } from "zod";
import { fieldError } from "../errors";
import type { MetricKind } from "../metrics/metric-input";
import type { EnvironmentGuardrails } from "./environment-guardrails";

/**
 * The guardrail rules of one experiment (PHASE-42: "Experiments must automatically abort if error
 * rate increases, latency degrades, authentication breaks, security signals trigger, SLA risk is
 * detected"). Stored as JSON on the experiment; until someone edits them they are pre-filled from
 * the environment's defaults and the experiment's guardrail metrics (`prefillGuardrailRules`).
 * Relative thresholds are fractions (0.1 = 10 % worse than control).
 */
export const GUARDRAIL_RULE_KINDS = ["security_signal", "error_rate", "latency", "auth_failure", "sla_burn", "degradation"] as const;
export type GuardrailRuleKind = (typeof GUARDRAIL_RULE_KINDS)[number];

export const GUARDRAIL_RULE_LABELS: Record<GuardrailRuleKind, string> = {
  security_signal: "Security signals",
  error_rate: "Error rate increase",
  latency: "Latency degradation",
  auth_failure: "Authentication breakage",
  sla_burn: "SLA risk (error-budget burn)",
  degradation: "Metric degradation",
};

const relative = (label: string) =>
  z
    .number({ error: `${label} must be a number (a fraction: 0.1 = 10 %).` })
    .gt(0, `${label} must be more than 0 %: a 0 % threshold would abort on noise.`)
    .max(10, `${label} must be at most 1,000 %.`);

const metricKey = z.string({ error: "Choose a metric." }).trim().min(1, "Choose a metric.");

export const guardrailRuleSchema = z.discriminatedUnion(
  "kind",
  [
    z.object({ kind: z.literal("security_signal") }),
    z.object({ kind: z.literal("error_rate"), metricKey, minRelativeIncrease: relative("Minimum error-rate increase") }),
    z.object({ kind: z.literal("latency"), metricKey, maxMeanIncrease: relative("Mean latency increase"), maxP95Increase: relative("p95 latency increase") }),
    z.object({
      kind: z.literal("auth_failure"),
      metricKey,
      minRelativeIncrease: relative("Minimum auth-failure increase"),
      maxRate: z
        .number({ error: "Auth-failure rate bound must be a number (0.05 = 5 %)." })
        .gt(0, "Auth-failure rate bound must be more than 0 %.")
        .lt(1, "Auth-failure rate bound must be below 100 %: a rate can never exceed it."),
    }),
    z.object({ kind: z.literal("sla_burn"), metricKey }),
    z.object({ kind: z.literal("degradation"), metricKey, minRelativeChange: relative("Minimum degradation") }),
  ],
  { error: `Rule kind must be one of: ${GUARDRAIL_RULE_KINDS.join(", ")}.` },
);
export type GuardrailRule = z.infer<typeof guardrailRuleSchema>;
export type MetricRule = Exclude<GuardrailRule, { kind: "security_signal" }>;

export const guardrailRulesSchema = z.array(guardrailRuleSchema).max(30, "At most 30 guardrail rules per experiment.");

/** A metric of the experiment, as the rules need it. */
export type RuleMetric = { key: string; kind: MetricKind; eventName: string; guardrailThreshold: number | null };

/** Which metric kinds each rule can watch. */
export const RULE_METRIC_KINDS: Record<MetricRule["kind"], readonly MetricKind[]> = {
  error_rate: ["error_rate"],
  latency: ["latency"],
  auth_failure: ["error_rate", "conversion", "count"],
  sla_burn: ["error_rate"],
  degradation: ["conversion", "count", "retention", "revenue", "error_rate", "latency"],
};

/** Metrics whose key or event says they count failed authentications (auth_failed, login-errors, …). */
const AUTH_METRIC = /auth|login|sign[-_ ]?in/i;

/**
 * The rules an experiment starts with: a security-signal rule always; per guardrail metric the
 * rule of its kind, with the metric's own guardrail threshold when it has one, else the
 * environment's default; an SLA burn-rate rule on every error-rate metric.
 */
export function prefillGuardrailRules(defaults: EnvironmentGuardrails, guardrailMetrics: readonly RuleMetric[]): GuardrailRule[] {
  const rules: GuardrailRule[] = [{ kind: "security_signal" }];
  for (const m of guardrailMetrics) {
    const own = m.guardrailThreshold !== null && m.guardrailThreshold > 0 ? m.guardrailThreshold : null;
    if (RULE_METRIC_KINDS.auth_failure.includes(m.kind) && AUTH_METRIC.test(`${m.key} ${m.eventName}`)) {
      rules.push({ kind: "auth_failure", metricKey: m.key, minRelativeIncrease: own ?? defaults.authFailureIncrease, maxRate: defaults.authFailureMaxRate });
    } else if (m.kind === "error_rate") {
      rules.push({ kind: "error_rate", metricKey: m.key, minRelativeIncrease: own ?? defaults.errorRateIncrease });
      rules.push({ kind: "sla_burn", metricKey: m.key });
    } else if (m.kind === "latency") {
      rules.push({ kind: "latency", metricKey: m.key, maxMeanIncrease: own ?? defaults.latencyMeanIncrease, maxP95Increase: defaults.latencyP95Increase });
    } else {
      rules.push({ kind: "degradation", metricKey: m.key, minRelativeChange: own ?? defaults.errorRateIncrease });
    }
  }
  return rules;
}

/** The stored rules, or null when none are stored or they no longer parse (then pre-filled). */
export function rulesFromStored(json: string | null): GuardrailRule[] | null {
  if (json === null) return null;
  try {
    const parsed = guardrailRulesSchema.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/**
 * Checks rules someone saves against the experiment's metrics: each metric rule must name one of
 * the experiment's metrics of a kind the rule can watch, and no rule may appear twice. Refusals
 * name the field (`rules.2.metricKey`) and the fix.
 */
export function validateGuardrailRules(raw: unknown, metrics: readonly RuleMetric[]): GuardrailRule[] {
  const parsed = guardrailRulesSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = ["rules", ...issue.path].join(".");
    throw fieldError(field, `${field}: ${issue.message}`);
  }
  if (!parsed.data.some((r) => r.kind === "security_signal")) {
    throw fieldError("rules", "rules: keep the security-signal rule: PHASE-42 requires an experiment to abort when security signals trigger.");
  }
  const byKey = new Map(metrics.map((m) => [m.key, m]));
  const seen = new Set<string>();
  parsed.data.forEach((rule, i) => {
    const identity = rule.kind === "security_signal" ? rule.kind : `${rule.kind}:${rule.metricKey}`;
    if (seen.has(identity)) {
      throw fieldError(`rules.${i}`, `rules.${i}: this rule is listed twice; keep one.`);
    }
    seen.add(identity);
    if (rule.kind === "security_signal") return;
    const metric = byKey.get(rule.metricKey);
    const field = `rules.${i}.metricKey`;
    if (!metric) {
      const message = `“${rule.metricKey}” is not a metric of this experiment; add it as a guardrail metric first (metrics: ${[...byKey.keys()].join(", ") || "none"}).`;
      throw fieldError(field, `${field}: ${message}`);
    }
    if (!RULE_METRIC_KINDS[rule.kind].includes(metric.kind)) {
      const message = `${GUARDRAIL_RULE_LABELS[rule.kind]} watches ${RULE_METRIC_KINDS[rule.kind].join(" or ")} metrics; “${metric.key}” is a ${metric.kind} metric.`;
      throw fieldError(field, `${field}: ${message}`);
    }
  });
  return parsed.data;
}

/** One line describing a rule, for pages, audit entries and notifications. */
export function describeRule(rule: GuardrailRule, settings: Pick<EnvironmentGuardrails, "burnRateThreshold" | "shortWindowMinutes" | "longWindowMinutes">): string {
  const pct = (x: number) => `${Math.round(x * 1000) / 10} %`;
  switch (rule.kind) {
    case "security_signal":
      return "Any security-signal event from a unit in a variant aborts at once.";
    case "error_rate":
      return `Aborts when ${rule.metricKey} is significantly higher in a variant (sequential test) and at least ${pct(rule.minRelativeIncrease)} above control.`;
    case "latency":
      return `Aborts when ${rule.metricKey}'s mean is significantly ≥ ${pct(rule.maxMeanIncrease)} above control, or its p95 is ≥ ${pct(rule.maxP95Increase)} above control's.`;
    case "auth_failure":
      return `Aborts when ${rule.metricKey} rises significantly by ≥ ${pct(rule.minRelativeIncrease)} in a variant, or a variant's rate exceeds ${pct(rule.maxRate)}.`;
    case "sla_burn":
      return `Aborts when a variant's extra errors in ${rule.metricKey} burn the error budget ≥ ${settings.burnRateThreshold}× over both ${settings.shortWindowMinutes} min and ${settings.longWindowMinutes} min.`;
    case "degradation":
      return `Aborts when ${rule.metricKey} is significantly worse in a variant by ≥ ${pct(rule.minRelativeChange)}.`;
  }
}
