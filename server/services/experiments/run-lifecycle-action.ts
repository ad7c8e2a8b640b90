import { addDays } from "date-fns";
import { AppError, fieldError } from "../../core/errors";
import { lifecycleActionInput, type LifecycleActionInput } from "../../core/experiments/experiment-input";
import { decide, type ActionInput } from "../../core/experiments/lifecycle";
import { describePolicy } from "../../core/experiments/policy";
import { launchConfiguration, shipConfiguration, withoutAudienceRule } from "../../core/experiments/flag-configuration";
import { inTransaction } from "../../db/client";
import { findExperimentById, lockFlag, type ExperimentRecord } from "../../db/experiments";
import { parseInput } from "../parse-input";
import { notify } from "../notifications/notify";
import type { ServiceContext } from "../context";
import { moveState, setFlag } from "./experiment-step";
import { actorProfile, gatherFacts, loadExperiment } from "./experiment-facts";
import { requestApprovals, voidApprovals } from "./approval-requests";
import { createRedesign } from "./create-redesign";
import { closeCleanupTasks, openCleanupTask } from "../cleanup/cleanup-task-steps";
import { findExperimentByKey } from "../../db/experiments";

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
    const facts = await gatherFacts(tx, experiment, await actorProfile(tx, ctx.actor), now);
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
          { startedAt: now, exposureChangedAt: now, plannedEndAt: addDays(now, experiment.content.design.plannedDurationDays) },
          { exposurePercentage: input.exposurePercentage, environment: experiment.environment.key },
        );
        await setFlag(step, (rules, off) =>
          launchConfiguration({ experimentKey: experiment.key, design: experiment.content.design, offVariation: off, rules, exposurePercentage: input.exposurePercentage }),
        );
        // a redesign's launch is the re-test its "iterate" asked for: that cleanup is done
        const origin = experiment.iteratedFrom ? await findExperimentByKey(tx, experiment.iteratedFrom.key) : null;
        if (origin) await closeCleanupTasks(tx, ctx.actor, { experimentId: origin.id }, `Redesign “${experiment.key}” launched.`, now, { markExperiments: true });
        break;
      }
      case "change_exposure":
        await moveState(step, "experiment.exposure_changed", { exposureChangedAt: now }, { from: facts.currentExposure, to: input.exposurePercentage });
        await setFlag(step, (rules, _off, current) => ({ ...current, rules, rolloutPercentage: input.exposurePercentage }));
        break;
      case "pause":
        await moveState(step, "experiment.paused", {}, { reason: input.reason });
        await setFlag(step, (rules, _off, current) => ({ ...current, rules, enabled: false }));
        break;
      case "resume":
        await moveState(step, "experiment.resumed", { exposureChangedAt: now }, { reason: input.reason });
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
        await openCleanupTask(tx, ctx.actor, experiment, { kind: input.decision, winningVariation: input.decision === "ship" ? winner : null }, now);
        break;
      }
      case "clean_up":
        await moveState(step, "experiment.cleaned_up", { cleanedUpAt: now }, { note: input.reason });
        await closeCleanupTasks(tx, ctx.actor, { experimentId: experiment.id }, input.reason || `Marked cleaned up by ${ctx.actor.label}.`, now, { markExperiments: false });
        break;
      default: {
        const exhaustive: never = input;
        return exhaustive;
      }
    }
    return (await findExperimentById(tx, experiment.id))!;
  });
}
