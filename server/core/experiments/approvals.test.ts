import { describe, expect, it } from "vitest";
import { approvalDecisionProblem, type ApprovalDecisionFacts } from "./approvals";

function facts(overrides: Partial<ApprovalDecisionFacts> = {}): ApprovalDecisionFacts {
  return {
    approval: { kind: "pricing", status: "pending", designVersion: 3, requesterId: "author" },
    experiment: { state: "in_review", designVersion: 3, ownerId: "author" },
    actor: { id: "approver", roles: ["pricing_approver"] },
    reviewedDesignVersion: 3,
    decision: "approve",
    comment: "",
    ...overrides,
  };
}

describe("approvalDecisionProblem", () => {
  it("lets a pricing approver approve someone else's request", () => {
    expect(approvalDecisionProblem(facts())).toBeNull();
  });
  it("four eyes: refuses the requester and the owner, admins included", () => {
    const self = { id: "author", roles: ["pricing_approver", "admin"] };
    expect(approvalDecisionProblem(facts({ actor: self }))).toContain("Four eyes");
    const owner = facts({ approval: { kind: "pricing", status: "pending", designVersion: 3, requesterId: "someone" }, actor: self });
    expect(approvalDecisionProblem(owner)).toContain("Four eyes");
  });
  it("needs the reviewer role of the kind; admin alone is not enough", () => {
    expect(approvalDecisionProblem(facts({ actor: { id: "boss", roles: ["admin"] } }))).toBe("Only pricing approvers can decide a pricing approval.");
    const security = facts({ approval: { kind: "security", status: "pending", designVersion: 3, requesterId: "author" } });
    expect(approvalDecisionProblem(security)).toBe("Only security reviewers can sign off a security review.");
    expect(approvalDecisionProblem({ ...security, actor: { id: "sec", roles: ["security_reviewer"] } })).toBeNull();
  });
  it("refuses a stale design version", () => {
    expect(approvalDecisionProblem(facts({ reviewedDesignVersion: 2 }))).toContain("Stale design version");
    expect(approvalDecisionProblem(facts({ experiment: { state: "in_review", designVersion: 4, ownerId: "author" } }))).toContain(
      "Stale design version",
    );
  });
  it("refuses voided and decided requests", () => {
    expect(approvalDecisionProblem(facts({ approval: { kind: "pricing", status: "void", designVersion: 3, requesterId: "author" } }))).toContain(
      "voided by a later edit",
    );
    expect(approvalDecisionProblem(facts({ approval: { kind: "pricing", status: "approved", designVersion: 3, requesterId: "author" } }))).toBe(
      "This request was already approved.",
    );
  });
  it("needs a comment to reject", () => {
    expect(approvalDecisionProblem(facts({ decision: "reject", comment: "  " }))).toContain("needs a comment");
    expect(approvalDecisionProblem(facts({ decision: "reject", comment: "Cap the discount at 10 %." }))).toBeNull();
  });
});
