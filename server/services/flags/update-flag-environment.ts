import { updateFlagEnvironmentInput, type UpdateFlagEnvironmentInput } from "../../core/flags/flag-input";
import { AppError } from "../../core/errors";
import { inTransaction } from "../../db/client";
import { findExperimentOnFlag, findFlagByKey, updateFlagEnvironmentConfig, type FlagRecord } from "../../db/flags";
import { WEIGHT_LOCKING_EXPERIMENT_STATES } from "../../core/flags/flag-edit-input";
import { exposureGrows, overdueFlagRefusal } from "../../core/flags/expiry";
import { abortExperimentFromFlag } from "../experiments/abort-experiment";
import { appendAuditEntry } from "../../db/audit-log";
import { parseInput } from "../parse-input";
import { publishSnapshot } from "../evaluation/publish-snapshot";
import type { ServiceContext } from "../context";
import { loadFlagInEnvironment } from "./editable-flag";

/** Turns a flag on/off and/or sets its rollout percentage in one environment (audited, versioned). */
export async function updateFlagEnvironment(ctx: ServiceContext, raw: UpdateFlagEnvironmentInput): Promise<FlagRecord> {
  const input = parseInput(updateFlagEnvironmentInput, raw);
  const now = ctx.now();
  return inTransaction(ctx.db, async (tx) => {
    const { flag, environment, config } = await loadFlagInEnvironment(tx, input.flagKey, input.environmentKey);

    const before = { enabled: config.enabled, rolloutPercentage: config.rolloutPercentage };
    const after = {
      enabled: input.enabled ?? config.enabled,
      rolloutPercentage: input.rolloutPercentage ?? config.rolloutPercentage,
    };
    if (before.enabled === after.enabled && before.rolloutPercentage === after.rolloutPercentage) return flag;
    // an overdue flag keeps serving what it serves; turning it off or down stays allowed
    const overdue = exposureGrows(before, after) && overdueFlagRefusal(flag, now, before.enabled ? "be ramped up" : "be turned on");
    if (overdue) throw new AppError("PRECONDITION_FAILED", overdue);
    const experiment = await findExperimentOnFlag(tx, flag.id, WEIGHT_LOCKING_EXPERIMENT_STATES);
    const runsHere = experiment && experiment.environmentId === environment.id ? experiment : null;
    if (runsHere && after.enabled) {
      throw new AppError(
        "PRECONDITION_FAILED",
        `“${flag.key}” runs experiment “${runsHere.key}” in ${environment.name}: change its exposure on the experiment page (launch at ≤ 5 %, then ramp in steps).`,
      );
    }

    const written = await updateFlagEnvironmentConfig(tx, config.id, config.version, after);
    if (!written) {
      throw new AppError("CONFLICT", `Someone else changed “${flag.key}” in ${environment.name} just now; reload and try again.`);
    }
    await appendAuditEntry(tx, {
      actor: ctx.actor,
      action: actionFor(before, after),
      entityType: "flag",
      entityId: flag.id,
      entityKey: flag.key,
      // Shaped like the flag's own snapshot, so the log reads "environments.staging.enabled: false → true".
      before: { environments: { [environment.key]: { ...before, version: config.version } } },
      after: { environments: { [environment.key]: { ...after, version: config.version + 1 } } },
      at: now,
    });
    // Turning the flag off is always allowed (production is sacred): it aborts the experiment it ran.
    if (runsHere) await abortExperimentFromFlag(tx, ctx.actor, runsHere, `Flag turned off in ${environment.name} by ${ctx.actor.label}.`, now);
    await publishSnapshot(tx, environment.id, now);
    const updated = await findFlagByKey(tx, flag.key);
    return updated ?? flag;
  });
}

function actionFor(
  before: { enabled: boolean; rolloutPercentage: number },
  after: { enabled: boolean; rolloutPercentage: number },
): string {
  if (before.enabled !== after.enabled && before.rolloutPercentage === after.rolloutPercentage) {
    return after.enabled ? "flag.environment.enabled" : "flag.environment.disabled";
  }
  if (before.enabled === after.enabled) return "flag.environment.rollout_changed";
  return "flag.environment.updated";
}
