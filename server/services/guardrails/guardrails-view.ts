/**
 * The experiment page's Guardrails section (polled like the results): the rules with what each
 * one does, every rule's verdict while the experiment runs, the environment's reliability budget,
 * the ramp (schedule, current step, whether and when the next step may be taken) and, after a
 * guardrail abort, what breached.
 */
import type { RuleVerdict } from "../../core/guardrails/check-guardrails";
import { environmentGuardrailsFromStored, type EnvironmentGuardrails } from "../../core/guardrails/environment-guardrails";
import { describeRule, GUARDRAIL_RULE_LABELS, type GuardrailRule, type RuleMetric } from "../../core/guardrails/guardrail-rules";
import type { PricingRampGate, RampReadiness } from "../../core/guardrails/ramp";
import { rampSchedule } from "../../core/guardrails/ramp";
import { mayActOn } from "../../core/experiments/lifecycle";
import { findFlagExposure } from "../../db/experiments";
import type { ServiceContext } from "../context";
import { actorProfile, loadExperiment } from "../experiments/experiment-facts";
import type { AbortDetails } from "./abort-on-breach";
import { effectiveRules, pricingGateOf, rampReadinessOf, readGuardrails } from "./read-guardrails";

export type GuardrailsView = {
  experimentKey: string;
  state: string;
  rules: { rule: GuardrailRule; label: string; description: string }[];
  /** the rules are still the ones pre-filled from the environment's defaults */
  prefilled: boolean;
  /** running experiments: the verdict of every rule now */
  verdicts: RuleVerdict[] | null;
  healthy: boolean | null;
  budget: EnvironmentGuardrails & { environmentKey: string; environmentName: string };
  ramp: {
    /** the plan's own steps ([] = the default schedule) */
    steps: number[];
    schedule: number[];
    currentExposure: number;
    stepMinutes: number;
    autoAdvance: boolean;
    stepStartedAt: string | null;
    readiness: RampReadiness | null;
    /** pricing experiments: the threshold beyond which a fresh pricing approval is needed, and its state */
    pricingGate: PricingRampGate;
  };
  abort: AbortDetails | null;
  /** the experiment's metrics, for the rules editor */
  metrics: RuleMetric[];
  watching: boolean;
  /** the viewer may edit the rules and the ramp plan (owning team or admin, experiment not ended) */
  canEdit: boolean;
  computedAt: string;
};

const OPEN_STATES = new Set(["draft", "in_review", "approved", "running", "paused"]);

export async function guardrailsView(ctx: ServiceContext, key: string): Promise<GuardrailsView> {
  const experiment = await loadExperiment(ctx.db, key);
  const now = ctx.now();
  const settings = environmentGuardrailsFromStored(experiment.environment.reliability);
  const exposure = await findFlagExposure(ctx.db, experiment.flag.id, experiment.environment.id);
  const currentExposure = exposure?.enabled ? exposure.rolloutPercentage : 0;
  const reading = experiment.state === "running" ? await readGuardrails(ctx.db, experiment, now) : null;
  const { rules, prefilled, metrics } = reading ?? (await effectiveRules(ctx.db, experiment, settings));
  const actor = await actorProfile(ctx.db, ctx.actor);
  return {
    experimentKey: experiment.key,
    state: experiment.state,
    rules: rules.map((rule) => ({ rule, label: GUARDRAIL_RULE_LABELS[rule.kind], description: describeRule(rule, settings) })),
    prefilled,
    verdicts: reading?.check.verdicts ?? null,
    healthy: reading?.check.healthy ?? null,
    budget: { ...settings, environmentKey: experiment.environment.key, environmentName: experiment.environment.name },
    ramp: {
      steps: experiment.ramp.steps,
      schedule: rampSchedule(experiment.ramp.steps, experiment.content.design.exposurePercentage),
      currentExposure,
      stepMinutes: experiment.ramp.stepMinutes,
      autoAdvance: experiment.ramp.autoAdvance,
      stepStartedAt: experiment.state === "running" ? (experiment.ramp.stepStartedAt?.toISOString() ?? null) : null,
      readiness: reading ? rampReadinessOf(experiment, reading, currentExposure, now) : null,
      pricingGate: reading ? reading.pricingGate : await pricingGateOf(ctx.db, experiment),
    },
    abort: experiment.abortDetails ? (JSON.parse(experiment.abortDetails) as AbortDetails) : null,
    metrics,
    watching: actor.id !== null && experiment.watcherIds.includes(actor.id),
    canEdit: OPEN_STATES.has(experiment.state) && mayActOn(actor, { ownerId: experiment.owner.id, team: experiment.content.team }),
    computedAt: now.toISOString(),
  };
}
