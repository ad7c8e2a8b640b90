import { AppError } from "../../core/errors";
import type { ExperimentFlagConfiguration } from "../../core/experiments/flag-configuration";
import type { ExperimentState } from "../../core/experiments/experiment-types";
import type { Tx } from "../../db/client";
import { updateExperimentState, type ExperimentRecord, type StateChange } from "../../db/experiments";
import { updateFlagEnvironmentConfig } from "../../db/flags";
import { appendAuditEntry } from "../../db/audit-log";
import { publishSnapshot } from "../evaluation/publish-snapshot";
import { loadFlagInEnvironment } from "../flags/editable-flag";
import type { Actor } from "../context";

/** One step of an experiment's lifecycle, inside its transaction. */
export type Step = { tx: Tx; actor: Actor; experiment: ExperimentRecord; now: Date; next: ExperimentState };

/** Moves the experiment to `step.next` (guarded by the state it was read in) with its audit entry. */
export async function moveState(step: Step, action: string, change: StateChange, details: Record<string, unknown>): Promise<void> {
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
export async function setFlag(
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
