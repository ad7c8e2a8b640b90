import type { ApprovalKind, ApprovalStatus, ExperimentState } from "./experiment-types";

/** Which role reviews which kind. Admins are not implicitly reviewers: the role must be granted. */
export const REVIEWER_ROLE: Record<ApprovalKind, "pricing_approver" | "security_reviewer"> = {
  pricing: "pricing_approver",
  security: "security_reviewer",
};

export type ApprovalDecisionFacts = {
  approval: { kind: ApprovalKind; status: ApprovalStatus; designVersion: number; requesterId: string; purpose?: "launch" | "ramp" };
  experiment: { state: ExperimentState; designVersion: number; ownerId: string };
  actor: { id: string; roles: readonly string[] };
  /** the design version the reviewer was looking at when deciding */
  reviewedDesignVersion: number;
  decision: "approve" | "reject";
  comment: string;
};

/**
 * Why a reviewer may not decide this request now, or null when they may.
 * Four eyes: nobody approves their own request or their own experiment, admins included.
 * Approvals bind to a design version: a decision about an older version is refused.
 */
export function approvalDecisionProblem(f: ApprovalDecisionFacts): string | null {
  const role = REVIEWER_ROLE[f.approval.kind];
  if (!f.actor.roles.includes(role)) {
    return f.approval.kind === "pricing"
      ? "Only pricing approvers can decide a pricing approval."
      : "Only security reviewers can sign off a security review.";
  }
  if (f.actor.id === f.approval.requesterId || f.actor.id === f.experiment.ownerId) {
    return "Four eyes: you cannot approve your own request; another reviewer must decide it.";
  }
  if (f.approval.status === "void") {
    return `This request was voided by a later edit of the design (now version ${f.experiment.designVersion}); review the current version instead.`;
  }
  if (f.approval.status !== "pending") return `This request was already ${f.approval.status}.`;
  if (f.approval.designVersion !== f.experiment.designVersion || f.reviewedDesignVersion !== f.experiment.designVersion) {
    return `Stale design version: you reviewed version ${f.reviewedDesignVersion}, the experiment is now at version ${f.experiment.designVersion}. Reload and review it again.`;
  }
  if (f.approval.purpose === "ramp") {
    if (f.experiment.state !== "running" && f.experiment.state !== "paused") return "The experiment is no longer running: there is no ramp to approve.";
  } else if (f.experiment.state !== "in_review") {
    return "The experiment is no longer in review.";
  }
  if (f.decision === "reject" && f.comment.trim().length === 0) {
    return "A rejection needs a comment that tells the requester what to change.";
  }
  return null;
}
