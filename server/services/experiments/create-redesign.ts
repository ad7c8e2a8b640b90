import { nextIterationKey } from "../../core/experiments/iteration-key";
import type { Tx } from "../../db/client";
import { insertExperiment, listExperimentKeysStartingWith, type ExperimentRecord } from "../../db/experiments";
import { appendAuditEntry } from "../../db/audit-log";
import type { Actor } from "../context";
import { resolveColumns } from "./experiment-columns";

/**
 * "Iterate" (PHASE-42: redesign and re-test): a new draft linked to the decided experiment, with
 * its hypothesis and design copied for editing. The duration limit is checked again at submission.
 */
export async function createRedesign(tx: Tx, actor: Actor, experiment: ExperimentRecord, now: Date): Promise<ExperimentRecord> {
  const key = nextIterationKey(experiment.key, await listExperimentKeysStartingWith(tx, experiment.key.replace(/-r\d+$/, "")));
  const { columns } = await resolveColumns(tx, experiment.content, Number.POSITIVE_INFINITY);
  const redesign = await insertExperiment(tx, { ...columns, key, ownerId: experiment.owner.id, iteratedFromId: experiment.id });
  await appendAuditEntry(tx, {
    actor,
    action: "experiment.created",
    entityType: "experiment",
    entityId: redesign.id,
    entityKey: redesign.key,
    after: { state: redesign.state, designVersion: redesign.designVersion, iteratedFrom: experiment.key, ...redesign.content },
    at: now,
  });
  return redesign;
}
