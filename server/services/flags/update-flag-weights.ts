import { AppError } from "../../core/errors";
import { checkWeights, updateFlagWeightsInput, weightsLockedError, WEIGHT_LOCKING_EXPERIMENT_STATES, type UpdateFlagWeightsInput } from "../../core/flags/flag-edit-input";
import { inTransaction } from "../../db/client";
import { findExperimentOnFlag, findFlagByKey, updateFlagEnvironmentWeights, type FlagRecord } from "../../db/flags";
import { appendAuditEntry } from "../../db/audit-log";
import { parseInput } from "../parse-input";
import { publishSnapshot } from "../evaluation/publish-snapshot";
import type { ServiceContext } from "../context";
import { loadFlagInEnvironment } from "./editable-flag";

/**
 * Sets how the units inside a flag's rollout split between variations in one environment.
 * Refused while an experiment runs (or is paused) on the flag: new weights move range starts and
 * so move users between variations.
 */
export async function updateFlagWeights(ctx: ServiceContext, raw: UpdateFlagWeightsInput): Promise<FlagRecord> {
  const input = parseInput(updateFlagWeightsInput, raw);
  const now = ctx.now();
  return inTransaction(ctx.db, async (tx) => {
    const { flag, environment, config } = await loadFlagInEnvironment(tx, input.flagKey, input.environmentKey);
    const experiment = await findExperimentOnFlag(tx, flag.id, WEIGHT_LOCKING_EXPERIMENT_STATES);
    if (experiment) throw weightsLockedError(experiment.key, experiment.state);
    const weights = checkWeights(input.weights, flag.variations.map((v) => v.key));
    if (config.version !== input.version || !(await updateFlagEnvironmentWeights(tx, config.id, input.version, weights))) {
      throw new AppError("CONFLICT", `Someone else changed “${flag.key}” in ${environment.name} since you opened it; reload and try again.`);
    }
    await appendAuditEntry(tx, {
      actor: ctx.actor,
      action: "flag.environment.weights_changed",
      entityType: "flag",
      entityId: flag.id,
      entityKey: flag.key,
      before: { environments: { [environment.key]: { weights: config.weights, version: config.version } } },
      after: { environments: { [environment.key]: { weights, version: config.version + 1 } } },
      at: now,
    });
    await publishSnapshot(tx, environment.id, now);
    return (await findFlagByKey(tx, flag.key)) ?? flag;
  });
}
