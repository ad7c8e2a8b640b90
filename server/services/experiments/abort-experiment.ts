import type { ExperimentState } from "../../core/experiments/experiment-types";
import type { Tx } from "../../db/client";
import { updateExperimentState } from "../../db/experiments";
import { appendAuditEntry } from "../../db/audit-log";
import type { Actor } from "../context";

/**
 * Marks a running or paused experiment aborted because its flag was turned off outside the
 * experiment page (the flag change itself is written by the caller, in the same transaction).
 */
export async function abortExperimentFromFlag(
  tx: Tx,
  actor: Actor,
  experiment: { id: string; key: string; state: string },
  reason: string,
  now: Date,
): Promise<void> {
  if (!(await updateExperimentState(tx, experiment.id, experiment.state as ExperimentState, "aborted", { abortReason: reason, endedAt: now }))) return;
  await appendAuditEntry(tx, {
    actor,
    action: "experiment.disabled",
    entityType: "experiment",
    entityId: experiment.id,
    entityKey: experiment.key,
    before: { state: experiment.state },
    after: { state: "aborted", reason },
    at: now,
  });
}
