import { findExperimentByKey, type ExperimentRecord } from "../../db/experiments";
import type { ServiceContext } from "../context";
import { runLifecycleAction } from "../experiments/run-lifecycle-action";
import { saveGuardrailRules, saveRampPlan } from "./update-experiment-guardrails";

/**
 * For demo data and test set-ups only: takes a just-launched experiment to its planned exposure in
 * one audited ramp step — a one-step ramp plan with no minimum time, and only the security-signal
 * rule while it steps (metric guardrails would first wait for their minimum sample) — then
 * returns its guardrails to the pre-filled rules. Everything goes through the services, so the
 * audit log shows each change.
 */
export async function rampStraightToPlanned(ctx: ServiceContext, key: string): Promise<ExperimentRecord> {
  const launched = (await findExperimentByKey(ctx.db, key))!;
  await saveRampPlan(ctx, { key, steps: [5], stepMinutes: 0, autoAdvance: false });
  await saveGuardrailRules(ctx, { key, rules: [{ kind: "security_signal" }] });
  await runLifecycleAction(ctx, { action: "change_exposure", key, exposurePercentage: launched.content.design.exposurePercentage });
  await saveGuardrailRules(ctx, { key, rules: null });
  await saveRampPlan(ctx, { key, steps: launched.ramp.steps, stepMinutes: launched.ramp.stepMinutes, autoAdvance: launched.ramp.autoAdvance });
  return (await findExperimentByKey(ctx.db, key))!;
}
