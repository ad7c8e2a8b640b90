/**
 * The cleanup tasks' own steps, run inside the transaction of the change that causes them:
 * a decision opens one; archiving the flag, launching the redesign or "Mark cleaned up" closes it.
 * Every step writes its audit entry in that transaction.
 */
import { cleanupDueAt, type CleanupTaskKind } from "../../core/cleanup/cleanup-tasks";
import { appendAuditEntry } from "../../db/audit-log";
import { completeCleanupTasks, insertCleanupTask } from "../../db/cleanup-tasks";
import type { Tx } from "../../db/client";
import { findExperimentById, updateExperimentState, type ExperimentRecord } from "../../db/experiments";
import { getWorkspaceSettings } from "../settings/get-workspace-settings";
import type { Actor } from "../context";

/** A decision's cleanup task: owned by the experiment's owner, due after the configured days. */
export async function openCleanupTask(
  tx: Tx,
  actor: Actor,
  experiment: ExperimentRecord,
  decision: { kind: CleanupTaskKind; winningVariation: string | null },
  now: Date,
): Promise<void> {
  const { cleanupTaskDueDays } = await getWorkspaceSettings(tx);
  const dueAt = cleanupDueAt(now, cleanupTaskDueDays);
  const task = await insertCleanupTask(tx, {
    experimentId: experiment.id,
    flagId: experiment.flag.id,
    kind: decision.kind,
    winningVariation: decision.winningVariation,
    ownerId: experiment.owner.id,
    dueAt,
    createdAt: now,
  });
  await appendAuditEntry(tx, {
    actor,
    action: "cleanup.task.created",
    entityType: "experiment",
    entityId: experiment.id,
    entityKey: experiment.key,
    after: { task: task.id, kind: decision.kind, flag: experiment.flag.key, owner: experiment.owner.email, dueAt: dueAt.toISOString(), winningVariation: decision.winningVariation },
    at: now,
  });
}

/**
 * Closes the open tasks of a flag (it was archived) or of one experiment (its redesign launched,
 * or someone marked it cleaned up). With `markExperiments`, their stopped experiments move to
 * cleaned up as well, each with its audit entry.
 */
export async function closeCleanupTasks(
  tx: Tx,
  actor: Actor,
  where: { flagId: string } | { experimentId: string },
  completion: string,
  now: Date,
  options: { markExperiments: boolean },
): Promise<void> {
  const closed = await completeCleanupTasks(tx, where, completion, now);
  for (const task of closed) {
    const experiment = await findExperimentById(tx, task.experimentId);
    if (!experiment) continue;
    await appendAuditEntry(tx, {
      actor,
      action: "cleanup.task.completed",
      entityType: "experiment",
      entityId: experiment.id,
      entityKey: experiment.key,
      before: { task: task.id, state: "open" },
      after: { task: task.id, state: "done", kind: task.kind, completion },
      at: now,
    });
    if (options.markExperiments && experiment.state === "stopped" && (await updateExperimentState(tx, experiment.id, "stopped", "cleaned_up", { cleanedUpAt: now }))) {
      await appendAuditEntry(tx, {
        actor,
        action: "experiment.cleaned_up",
        entityType: "experiment",
        entityId: experiment.id,
        entityKey: experiment.key,
        before: { state: "stopped" },
        after: { state: "cleaned_up", note: completion },
        at: now,
      });
    }
  }
}
