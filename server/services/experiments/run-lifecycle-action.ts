import { addDays } from "date-fns";
import { AppError, fieldError } from "../../core/errors";
import { lifecycleActionInput, type LifecycleActionInput } from "../../core/experiments/experiment-input";
import { decide, type ActionInput } from "../../core/experiments/lifecycle";
import { describePolicy } from "../../core/experiments/policy";
import { launchConfiguration, shipConfiguration, withoutAudienceRule, type ExperimentFlagConfiguration } from "../../core/experiments/flag-configuration";
import type { ExperimentState } from "../../core/experiments/experiment-types";
import { inTransaction, type Tx } from "../../db/client";
import { findExperimentById, lockFlag, updateExperimentState, type ExperimentRecord, type StateChange } from "../../db/experiments";
import { updateFlagEnvironmentConfig } from "../../db/flags";
import { appendAuditEntry } from "../../db/audit-log";
import { parseInput } from "../parse-input";
import { publishSnapshot } from "../evaluation/publish-snapshot";
import { loadFlagInEnvironment } from "../flags/editable-flag";
import { notify } from "../notifications/notify";
import type { Actor, ServiceContext } from "../context";
import { actorProfile, gatherFacts, loadExperiment } from "./experiment-facts";
import { requestApprovals, voidApprovals } from "./approval-requests";
import { createRedesign } from "./create-redesign";

/**
 * One lifecycle step of an experiment, decided by the pure state machine and carried out in one
 * transaction with its audit entries: the experiment's state, the flag configuration that
 * executes it (launch, ramp, pause, disable, ship), the republished snapshot and notifications.
 */
export async function runLifecycleAction(ctx: ServiceContext, raw: LifecycleActionInput): Promise<ExperimentRecord> {
  const input = parseInput(lifecycleActionInput, raw);
  const now = ctx.now();
  return inTransaction(ctx.db, async (tx) => {
    const found = await loadExperiment(tx, input.key);
    if (input.action === "launch" || input.action === "resume") await lockFlag(tx, found.flag.id);
    const experiment = (await findExperimentById(tx, found.id))!;
    if ((input.action === "submit" || input.action === "launch") && input.designVersion !== experiment.designVersion) {
      throw new AppError(
        "CONFLICT",
        `Stale design version: you looked at version ${input.designVersion}, “${experiment.key}” is now at version ${experiment.designVersion}. Reload and check it again.`,
      );
    }
    const facts = await gatherFacts(tx, experiment, await actorProfile(tx, ctx.actor));
    const machineInput: ActionInput =
      input.action === "launch" || input.action === "change_exposure"
        ? { action: input.action, exposurePercentage: input.exposurePercentage }
        : input.action === "stop"
          ? { action: "stop", decision: input.decision, overrideReason: input.overrideReason }
          : { action: input.action };
    const verdict = decide(facts, machineInput);
    if (!verdict.ok) throw new AppError("PRECONDITION_FAILED", verdict.reason);
    const step = { tx, actor: ctx.actor, experiment, now, next: verdict.next };

    switch (input.action) {
      case "submit":
        await moveState(step, "experiment.submitted", { submittedAt: now }, { policy: describePolicy(facts.policy) });
        if (verdict.next === "in_review") await requestApprovals(tx, ctx.actor, (await findExperimentById(tx, experiment.id))!, now);
        break;
      case "withdraw":
        await voidApprovals(tx, ctx.actor, experiment, "The requester withdrew the experiment from review.", now);
        await moveState(step, "experiment.withdrawn", {}, { reason: input.reason });
        break;
      case "launch": {
        await moveState(
          step,
          "experiment.launched",
          { startedAt: now, plannedEndAt: addDays(now, experiment.content.design.plannedDurationDays) },
          { exposurePercentage: input.exposurePercentage, environment: experiment.environment.key },
        );
        await setFlag(step, (rules, off) =>
          launchConfiguration({ experimentKey: experiment.key, design: experiment.content.design, offVariation: off, rules, exposurePercentage: input.exposurePercentage }),
        );
        break;
      }
      case "change_exposure":
        await moveState(step, "experiment.exposure_changed", {}, { from: facts.currentExposure, to: input.exposurePercentage });
        await setFlag(step, (rules, _off, current) => ({ ...current, rules, rolloutPercentage: input.exposurePercentage }));
        break;
      case "pause":
        await moveState(step, "experiment.paused", {}, { reason: input.reason });
        await setFlag(step, (rules, _off, current) => ({ ...current, rules, enabled: false }));
        break;
      case "resume":
        await moveState(step, "experiment.resumed", {}, { reason: input.reason });
        await setFlag(step, (rules, _off, current) => ({ ...current, rules, enabled: true }));
        break;
      case "disable": {
        const reason = input.reason || `Disabled by ${ctx.actor.label}.`;
        await moveState(step, "experiment.disabled", { abortReason: reason, endedAt: now }, { reason });
        await setFlag(step, (rules, _off, current) => ({ ...current, rules, enabled: false }));
        if (experiment.owner.id !== ctx.actor.id) {
          await notify(
            tx,
            {
              recipientIds: [experiment.owner.id],
              kind: "experiment.disabled",
              title: `${experiment.content.name} was disabled`,
              body: `${ctx.actor.label} disabled it: ${reason} Users get the off variation.`,
              link: `/experiments/${experiment.key}`,
            },
            now,
          );
        }
        break;
      }
      case "stop": {
        const winner = input.winningVariation ?? "";
        if (input.decision === "ship" && !experiment.content.design.weights[winner]) {
          throw fieldError("winningVariation", `Choose the winning variation to ship (one of: ${Object.keys(experiment.content.design.weights).join(", ")}).`);
        }
        const override = input.decision === "ship" && !facts.measurement.measured ? (input.overrideReason ?? null) : null;
        await moveState(
          step,
          "experiment.decided",
          {
            decision: input.decision,
            decisionRationale: input.rationale,
            outcome: input.outcome,
            decidedById: ctx.actor.id,
            decidedAt: now,
            measurementOverrideReason: override,
            ...(experiment.endedAt ? {} : { endedAt: now }),
          },
          { decision: input.decision, winningVariation: input.winningVariation ?? null, rationale: input.rationale, outcome: input.outcome, measurementOverride: override },
        );
        if (input.decision === "ship") {
          await setFlag(step, (rules) => shipConfiguration(winner, rules));
        } else if (experiment.state !== "aborted") {
          await setFlag(step, (rules, _off, current) => ({ ...current, rules: withoutAudienceRule(rules), enabled: false }));
        }
        if (input.decision === "iterate") await createRedesign(tx, ctx.actor, experiment, now);
        break;
      }
      case "clean_up":
        await moveState(step, "experiment.cleaned_up", { cleanedUpAt: now }, { note: input.reason });
        break;
      default: {
        const exhaustive: never = input;
        return exhaustive;
      }
    }
    return (await findExperimentById(tx, experiment.id))!;
  });
}

type Step = { tx: Tx; actor: Actor; experiment: ExperimentRecord; now: Date; next: ExperimentState };

async function moveState(step: Step, action: string, change: StateChange, details: Record<string, unknown>): Promise<void> {
  const { tx, experiment, now, next } = step;
  if (!(await updateExperimentState(tx, experiment.id, experiment.state, next, change))) {
    throw new AppError("CONFLICT", `Someone else changed “${experiment.key}” just now; reload and try again.`);
  }
  await appendAuditEntry(tx, {
    actor: step.actor,
    action,
    entityType: "experiment",
    entityId: experiment.id,
    entityKey: experiment.key,
    before: { state: experiment.state },
    after: { state: next, ...details },
    at: now,
  });
}

/** Writes the flag configuration that executes the step (audited on the flag too) and republishes. */
async function setFlag(
  step: Step,
  configure: (rules: ExperimentFlagConfiguration["rules"], offVariation: string, current: ExperimentFlagConfiguration) => ExperimentFlagConfiguration,
): Promise<void> {
  const { tx, experiment, now } = step;
  const { flag, environment, config } = await loadFlagInEnvironment(tx, experiment.flag.key, experiment.environment.key);
  const current: ExperimentFlagConfiguration = { enabled: config.enabled, rolloutPercentage: config.rolloutPercentage, weights: config.weights, rules: config.rules };
  const next = configure(config.rules, flag.offVariationKey, current);
  if (!(await updateFlagEnvironmentConfig(tx, config.id, config.version, next))) {
    throw new AppError("CONFLICT", `Someone else changed “${flag.key}” in ${environment.name} just now; reload and try again.`);
  }
  await appendAuditEntry(tx, {
    actor: step.actor,
    action: `flag.environment.${next.enabled ? "updated" : "disabled"}_by_experiment`,
    entityType: "flag",
    entityId: flag.id,
    entityKey: flag.key,
    before: { environments: { [environment.key]: { ...current, version: config.version } } },
    after: { environments: { [environment.key]: { ...next, version: config.version + 1 } }, experiment: experiment.key },
    at: now,
  });
  await publishSnapshot(tx, environment.id, now);
}
