import { AppError, type FieldErrors } from "../../core/errors";
import { approvalDecisionProblem } from "../../core/experiments/approvals";
import { decideApprovalInput, type DecideApprovalInput } from "../../core/experiments/experiment-input";
import { APPROVAL_KIND_LABELS } from "../../core/experiments/experiment-types";
import { missingApprovals } from "../../core/experiments/lifecycle";
import { policyFor } from "../../core/experiments/policy";
import { inTransaction } from "../../db/client";
import { decideApprovalRequest, findApprovalById, findExperimentById, updateExperimentState, type ExperimentRecord } from "../../db/experiments";
import { appendAuditEntry } from "../../db/audit-log";
import { parseInput } from "../parse-input";
import { notify } from "../notifications/notify";
import type { ServiceContext } from "../context";
import { approvalsForCurrentVersion } from "./experiment-facts";
import { voidApprovals } from "./approval-requests";

/**
 * A reviewer approves or rejects one request. Four eyes (never one's own), bound to the design
 * version the reviewer saw. When every required approval of the current version is in, the
 * experiment becomes approved; a rejection sends it back to draft with the comment.
 */
export async function decideApproval(ctx: ServiceContext, raw: DecideApprovalInput): Promise<ExperimentRecord> {
  const input = parseInput(decideApprovalInput, raw);
  const actorId = ctx.actor.id;
  if (!actorId) throw new AppError("FORBIDDEN", "Approvals are decided by members.");
  const now = ctx.now();
  return inTransaction(ctx.db, async (tx) => {
    const ref = await findApprovalById(tx, input.approvalId);
    const experiment = ref ? await findExperimentById(tx, ref.experimentId) : null;
    const approval = experiment?.approvals.find((a) => a.id === input.approvalId);
    if (!experiment || !approval) throw new AppError("NOT_FOUND", `Approval request “${input.approvalId}” does not exist.`);

    const problem = approvalDecisionProblem({
      approval: { kind: approval.kind, status: approval.status, designVersion: approval.designVersion, requesterId: approval.requester.id, purpose: approval.purpose },
      experiment: { state: experiment.state, designVersion: experiment.designVersion, ownerId: experiment.owner.id },
      actor: { id: actorId, roles: ctx.actor.roles },
      reviewedDesignVersion: input.designVersion,
      decision: input.decision,
      comment: input.comment,
    });
    if (problem) {
      const fieldErrors: FieldErrors = problem.startsWith("A rejection needs a comment") ? { comment: [problem] } : {};
      throw new AppError(problem.startsWith("Only ") ? "FORBIDDEN" : "PRECONDITION_FAILED", problem, fieldErrors);
    }
    const status = input.decision === "approve" ? "approved" : "rejected";
    if (!(await decideApprovalRequest(tx, approval.id, { status, deciderId: actorId, comment: input.comment, at: now }))) {
      throw new AppError("CONFLICT", "Someone else decided this request just now; reload to see their decision.");
    }
    await appendAuditEntry(tx, {
      actor: ctx.actor,
      action: `approval.${status}`,
      entityType: "approval",
      entityId: approval.id,
      entityKey: experiment.key,
      before: { status: "pending", kind: approval.kind, designVersion: approval.designVersion },
      after: { status, kind: approval.kind, designVersion: approval.designVersion, comment: input.comment },
      at: now,
    });

    const reloaded = (await findExperimentById(tx, experiment.id))!;
    let next: "approved" | "draft" | null = null;
    if (approval.purpose === "ramp") {
      // a ramp approval changes no state: it unlocks (or not) the ramp beyond the threshold
    } else if (status === "rejected") {
      await voidApprovals(tx, ctx.actor, reloaded, `${APPROVAL_KIND_LABELS[approval.kind]} was rejected: ${input.comment}`, now);
      next = "draft";
    } else if (missingApprovals({ policy: policyFor(reloaded.content), approvals: approvalsForCurrentVersion(reloaded) }).length === 0) {
      next = "approved";
    }
    if (next) {
      if (!(await updateExperimentState(tx, experiment.id, "in_review", next))) {
        throw new AppError("CONFLICT", `“${experiment.key}” changed just now; reload and review it again.`);
      }
      await appendAuditEntry(tx, {
        actor: ctx.actor,
        action: next === "approved" ? "experiment.approved" : "experiment.rejected",
        entityType: "experiment",
        entityId: experiment.id,
        entityKey: experiment.key,
        before: { state: "in_review" },
        after: { state: next, designVersion: experiment.designVersion, ...(status === "rejected" ? { comment: input.comment } : {}) },
        at: now,
      });
    }
    const recipients = [...new Set([approval.requester.id, experiment.owner.id])].filter((id) => id !== actorId);
    await notify(
      tx,
      {
        recipientIds: recipients,
        kind: `approval.${status}`,
        title: `${APPROVAL_KIND_LABELS[approval.kind]} ${status}: ${experiment.content.name}`,
        body:
          approval.purpose === "ramp"
            ? `${ctx.actor.label} ${status} ramping it beyond the pricing threshold.${input.comment ? ` “${input.comment}”` : ""}`
            : status === "approved"
            ? `${ctx.actor.label} approved version ${approval.designVersion}.${next === "approved" ? " It can launch now." : ""}${input.comment ? ` “${input.comment}”` : ""}`
            : `${ctx.actor.label} rejected version ${approval.designVersion}: “${input.comment}”. It is back in draft.`,
        link: `/experiments/${experiment.key}`,
      },
      now,
    );
    return (await findExperimentById(tx, experiment.id))!;
  });
}
