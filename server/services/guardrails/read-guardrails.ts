/**
 * An experiment's guardrails as they stand: its rules (stored, or pre-filled from the
 * environment's defaults), the environment's reliability budget, the verdict of every rule on the
 * live data and, for a running experiment, whether the next ramp step may be taken. The monitor,
 * the ramp guard and the experiment page all read it here, so they always agree.
 */
import { overdueFlagRefusal } from "../../core/flags/expiry";
import { checkGuardrails, type GuardrailCheck } from "../../core/guardrails/check-guardrails";
import { environmentGuardrailsFromStored, type EnvironmentGuardrails } from "../../core/guardrails/environment-guardrails";
import { prefillGuardrailRules, rulesFromStored, type GuardrailRule, type RuleMetric } from "../../core/guardrails/guardrail-rules";
import { rampReadiness, rampSchedule, type PricingRampGate, type RampReadiness } from "../../core/guardrails/ramp";
import { policyFor, requiredApprovalKinds } from "../../core/experiments/policy";
import type { ExperimentResults } from "../../core/measurement/experiment-results";
import type { MetricKind } from "../../core/metrics/metric-input";
import type { Db, Tx } from "../../db/client";
import type { ExperimentRecord } from "../../db/experiments";
import { readErrorMinutes, readGuardrailSignals } from "../../db/guardrails";
import { findMetricsByKeys } from "../../db/metrics";
import { readExperimentResults } from "../measurement/experiment-results";
import { getWorkspaceSettings } from "../settings/get-workspace-settings";

export type GuardrailReading = {
  rules: GuardrailRule[];
  /** true while the rules are the pre-filled ones (nobody saved rules of their own) */
  prefilled: boolean;
  settings: EnvironmentGuardrails;
  /** the metrics rules may watch: every metric of the experiment */
  metrics: RuleMetric[];
  results: ExperimentResults;
  check: GuardrailCheck;
  /** the exposure steps up to the planned exposure */
  schedule: number[];
  pricingGate: PricingRampGate;
};

/**
 * Experiments that needed a pricing approval to launch need a fresh one, asked while they run, to
 * ramp beyond the admins' threshold: the newest ramp approval of the current design decides.
 */
export async function pricingGateOf(db: Db | Tx, experiment: ExperimentRecord): Promise<PricingRampGate> {
  if (!requiredApprovalKinds(policyFor(experiment.content)).includes("pricing")) return null;
  const { pricingRampApprovalPercent } = await getWorkspaceSettings(db);
  if (pricingRampApprovalPercent >= 100) return null;
  const ramp = experiment.approvals.find((a) => a.purpose === "ramp" && a.kind === "pricing" && a.designVersion === experiment.designVersion);
  const approval = ramp?.status === "approved" ? "approved" : ramp?.status === "pending" ? "pending" : "none";
  return { thresholdPercent: pricingRampApprovalPercent, approval };
}

/**
 * Every metric of the experiment (success, failure, guardrail), as the rules see them, and the
 * ones the pre-filled rules watch: the guardrail metrics and the failure metrics of reliability
 * (error rate, latency).
 */
export async function ruleMetricsOf(db: Db | Tx, experiment: ExperimentRecord): Promise<{ all: RuleMetric[]; guardrail: RuleMetric[] }> {
  const { hypothesis, design } = experiment.content;
  const keys = [...new Set([...hypothesis.successMetrics, ...hypothesis.failureMetrics, ...design.guardrailMetrics])];
  const rows = await findMetricsByKeys(db, keys);
  const all = rows.map((m) => ({ key: m.key, kind: m.kind as MetricKind, eventName: m.eventName, guardrailThreshold: m.guardrailThreshold }));
  // failure metrics that measure reliability (errors, latency) guard the experiment too
  const reliability = hypothesis.failureMetrics.filter((k) => all.some((m) => m.key === k && (m.kind === "error_rate" || m.kind === "latency")));
  const guarded = [...new Set([...design.guardrailMetrics, ...reliability])];
  const guardrail = guarded.flatMap((k) => all.filter((m) => m.key === k));
  return { all, guardrail };
}

export async function effectiveRules(db: Db | Tx, experiment: ExperimentRecord, settings: EnvironmentGuardrails) {
  const metrics = await ruleMetricsOf(db, experiment);
  const stored = rulesFromStored(experiment.guardrailRules);
  return { rules: stored ?? prefillGuardrailRules(settings, metrics.guardrail), prefilled: stored === null, metrics: metrics.all };
}

export async function readGuardrails(db: Db | Tx, experiment: ExperimentRecord, now: Date): Promise<GuardrailReading> {
  const settings = environmentGuardrailsFromStored(experiment.environment.reliability);
  const sinceMs = now.getTime() - settings.longWindowMinutes * 60_000 - 60_000;
  const [{ rules, prefilled, metrics }, results, errorMinutes, signals, pricingGate] = await Promise.all([
    effectiveRules(db, experiment, settings),
    readExperimentResults(db, experiment, now),
    readErrorMinutes(db, experiment.id, sinceMs),
    readGuardrailSignals(db, experiment.id),
    pricingGateOf(db, experiment),
  ]);
  const check = checkGuardrails({ rules, settings, results, errorMinutes, signals, nowMs: now.getTime() });
  return { rules, prefilled, settings, metrics, results, check, schedule: rampSchedule(experiment.ramp.steps, experiment.content.design.exposurePercentage), pricingGate };
}

/** Whether a running experiment at `currentExposure` may take its next ramp step now. */
export function rampReadinessOf(experiment: ExperimentRecord, reading: GuardrailReading, currentExposure: number, now: Date): RampReadiness {
  const readiness = rampReadiness({
    schedule: reading.schedule,
    currentExposure,
    stepStartedAtMs: (experiment.ramp.stepStartedAt ?? now).getTime(),
    stepMinutes: experiment.ramp.stepMinutes,
    nowMs: now.getTime(),
    guardrails: reading.check,
    pricingGate: reading.pricingGate,
  });
  // an expired flag is overdue for cleanup: it keeps its exposure but is not ramped (issue 16)
  const overdue = readiness.next === null ? null : overdueFlagRefusal(experiment.flag, now, "be ramped");
  return overdue ? { ready: false, next: readiness.next, reason: overdue, readyAtMs: null } : readiness;
}
