/**
 * Editing an experiment's guardrails and ramp plan, and following it. Rules and the ramp plan can
 * change until the experiment ends (tightening a guardrail mid-run reshuffles nobody); each save
 * is validated (an impossible threshold or a metric the experiment does not measure is refused,
 * naming the field) and audited in the same transaction.
 */
import { z } from "zod";
import { AppError } from "../../core/errors";
import { environmentGuardrailsFromStored } from "../../core/guardrails/environment-guardrails";
import { validateGuardrailRules } from "../../core/guardrails/guardrail-rules";
import { rampPlanSchema } from "../../core/guardrails/ramp";
import { mayActOn } from "../../core/experiments/lifecycle";
import { keySchema } from "../../core/keys";
import { inTransaction, type Tx } from "../../db/client";
import { setWatching, updateGuardrailRules, updateRampPlan, type ExperimentRecord } from "../../db/experiments";
import { appendAuditEntry } from "../../db/audit-log";
import type { ServiceContext } from "../context";
import { actorProfile, loadExperiment } from "../experiments/experiment-facts";
import { parseInput } from "../parse-input";
import { effectiveRules, ruleMetricsOf } from "./read-guardrails";

const OPEN_STATES = new Set(["draft", "in_review", "approved", "running", "paused"]);

async function editable(tx: Tx, ctx: ServiceContext, key: string): Promise<ExperimentRecord> {
  const experiment = await loadExperiment(tx, key);
  if (!mayActOn(await actorProfile(tx, ctx.actor), { ownerId: experiment.owner.id, team: experiment.content.team })) {
    throw new AppError("FORBIDDEN", "Only experimenters of the owning team, or admins, can change this experiment's guardrails.");
  }
  if (!OPEN_STATES.has(experiment.state)) {
    throw new AppError("PRECONDITION_FAILED", `A ${experiment.state.replace("_", " ")} experiment's guardrails can no longer change.`);
  }
  return experiment;
}

export const saveGuardrailRulesInput = z.object({
  key: keySchema("Experiment key"),
  /** null: back to the rules pre-filled from the environment's defaults */
  rules: z.unknown(),
});

export async function saveGuardrailRules(ctx: ServiceContext, raw: z.input<typeof saveGuardrailRulesInput>): Promise<void> {
  const input = parseInput(saveGuardrailRulesInput, raw);
  const now = ctx.now();
  await inTransaction(ctx.db, async (tx) => {
    const experiment = await editable(tx, ctx, input.key);
    const settings = environmentGuardrailsFromStored(experiment.environment.reliability);
    const before = await effectiveRules(tx, experiment, settings);
    const rules = input.rules === null ? null : validateGuardrailRules(input.rules, (await ruleMetricsOf(tx, experiment)).all);
    await updateGuardrailRules(tx, experiment.id, rules === null ? null : JSON.stringify(rules));
    await appendAuditEntry(tx, {
      actor: ctx.actor,
      action: "experiment.guardrails_updated",
      entityType: "experiment",
      entityId: experiment.id,
      entityKey: experiment.key,
      before: { rules: before.rules, prefilled: before.prefilled },
      after: rules === null ? { rules: "pre-filled from the environment's defaults" } : { rules },
      at: now,
    });
  });
}

export const saveRampPlanInput = rampPlanSchema.extend({ key: keySchema("Experiment key") });

export async function saveRampPlan(ctx: ServiceContext, raw: z.input<typeof saveRampPlanInput>): Promise<void> {
  const { key, ...plan } = parseInput(saveRampPlanInput, raw);
  const now = ctx.now();
  await inTransaction(ctx.db, async (tx) => {
    const experiment = await editable(tx, ctx, key);
    await updateRampPlan(tx, experiment.id, plan);
    await appendAuditEntry(tx, {
      actor: ctx.actor,
      action: "experiment.ramp_plan_updated",
      entityType: "experiment",
      entityId: experiment.id,
      entityKey: experiment.key,
      before: { steps: experiment.ramp.steps, stepMinutes: experiment.ramp.stepMinutes, autoAdvance: experiment.ramp.autoAdvance },
      after: plan,
      at: now,
    });
  });
}

/** Any signed-in member may follow an experiment: watchers hear about guardrail aborts with the owner. */
export async function watchExperiment(ctx: ServiceContext, raw: { key: string; watching: boolean }): Promise<void> {
  const input = parseInput(z.object({ key: keySchema("Experiment key"), watching: z.boolean({ error: "Watching must be true or false." }) }), raw);
  if (!ctx.actor.id) throw new AppError("FORBIDDEN", "Only members can watch an experiment.");
  const userId = ctx.actor.id;
  await inTransaction(ctx.db, async (tx) => {
    const experiment = await loadExperiment(tx, input.key);
    await setWatching(tx, experiment.id, userId, input.watching);
    await appendAuditEntry(tx, {
      actor: ctx.actor,
      action: input.watching ? "experiment.watched" : "experiment.unwatched",
      entityType: "experiment",
      entityId: experiment.id,
      entityKey: experiment.key,
      after: { watcher: ctx.actor.label, watching: input.watching },
      at: ctx.now(),
    });
  });
}
