import { AppError, fieldError } from "../../core/errors";
import { overdueFlagRefusal } from "../../core/flags/expiry";
import { contentProblems, type ExperimentContent } from "../../core/experiments/experiment-content";
import { updateExperimentInput, type UpdateExperimentInput } from "../../core/experiments/experiment-input";
import { decide } from "../../core/experiments/lifecycle";
import { policyFor } from "../../core/experiments/policy";
import { diffReviewedFields, reviewedFields } from "../../core/experiments/reviewed-document";
import { inTransaction } from "../../db/client";
import { findExperimentById, updateExperimentContent, type ExperimentRecord } from "../../db/experiments";
import { appendAuditEntry } from "../../db/audit-log";
import { parseInput } from "../parse-input";
import type { ServiceContext } from "../context";
import { actorProfile, gatherFacts, loadExperiment } from "./experiment-facts";
import { resolveColumns } from "./experiment-columns";
import { requestApprovals, voidApprovals } from "./approval-requests";

/**
 * Saves a new version of an experiment's document. Any change voids the approvals of the
 * previous version and returns the experiment to review (or to draft when it is now incomplete).
 * Running and decided experiments cannot change their design.
 */
export async function updateExperiment(ctx: ServiceContext, raw: UpdateExperimentInput): Promise<ExperimentRecord> {
  const input = parseInput(updateExperimentInput, raw);
  const content: ExperimentContent = input.content;
  const now = ctx.now();
  return inTransaction(ctx.db, async (tx) => {
    const experiment = await loadExperiment(tx, input.key);
    if (input.designVersion !== experiment.designVersion) throw staleVersion(experiment, input.designVersion);
    const changes = diffReviewedFields(reviewedFields(experiment.content), reviewedFields(content));
    if (changes.length === 0) return experiment;

    const facts = await gatherFacts(tx, experiment, await actorProfile(tx, ctx.actor), now);
    const { columns, flag } = await resolveColumns(tx, content, facts.maxExperimentDays);
    const overdue = flag.id !== experiment.flag.id && overdueFlagRefusal(flag, now, "join a new experiment");
    if (overdue) throw fieldError("flagKey", overdue);
    const problems = contentProblems(content, { variationKeys: flag.variations.map((v) => v.key), offVariationKey: flag.offVariationKey }, facts.maxExperimentDays);
    const verdict = decide({ ...facts, problems, policy: policyFor(content) }, { action: "edit" });
    if (!verdict.ok) throw new AppError("PRECONDITION_FAILED", verdict.reason);

    const voided =
      experiment.state === "draft" ? 0 : await voidApprovals(tx, ctx.actor, experiment, `The design changed to version ${experiment.designVersion + 1}: ${changes.map((c) => c.label).join(", ")}.`, now);
    if (!(await updateExperimentContent(tx, experiment.id, experiment.designVersion, { ...columns, state: verdict.next }))) {
      throw staleVersion(experiment, input.designVersion);
    }
    const updated = (await findExperimentById(tx, experiment.id))!;
    await appendAuditEntry(tx, {
      actor: ctx.actor,
      action: "experiment.updated",
      entityType: "experiment",
      entityId: experiment.id,
      entityKey: experiment.key,
      before: { state: experiment.state, designVersion: experiment.designVersion, ...experiment.content },
      after: { state: updated.state, designVersion: updated.designVersion, ...updated.content, approvalsVoided: voided },
      at: now,
    });
    if (updated.state === "in_review") await requestApprovals(tx, ctx.actor, updated, now);
    return (await findExperimentById(tx, experiment.id))!;
  });
}

function staleVersion(experiment: ExperimentRecord, yours: number): AppError {
  return new AppError(
    "CONFLICT",
    `Stale design version: you edited version ${yours}, but “${experiment.key}” is now at version ${experiment.designVersion}. Reload to see the latest and apply your change again.`,
  );
}
