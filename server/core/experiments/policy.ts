import type { ApprovalKind, ExperimentType } from "./experiment-types";
import type { Sensitivity } from "./experiment-content";

/** Why the policy asks for something, in words a requester and a reviewer both understand. */
export type PolicyReason = { rule: string; explanation: string };

/**
 * What an experiment needs before it may launch, decided from what it declares.
 * - forbidden: PHASE-42 says "never" (security/auth changes; altering auth/session logic, bypassing
 *   security checks, exposing private data);
 * - otherwise the approvals it needs: pricing (pricing type or billing-affecting — "affect billing
 *   without approval" is prohibited) and security sign-off (any sensitivity declared).
 */
export type Policy =
  | { verdict: "forbidden"; reasons: PolicyReason[] }
  | { verdict: "allowed"; approvals: { kind: ApprovalKind; reasons: PolicyReason[] }[] };

export function policyFor(experiment: { type: ExperimentType; sensitivity: Sensitivity }): Policy {
  const s = experiment.sensitivity;
  const forbidden: PolicyReason[] = [];
  if (experiment.type === "security_auth") {
    forbidden.push({
      rule: "security-auth-never",
      explanation: "Security/auth changes are never allowed as experiments (PHASE-42). Ship them through the normal security review instead.",
    });
  }
  if (s.altersAuthSession) {
    forbidden.push({ rule: "no-auth-session-change", explanation: "Experiments must never alter authentication or session logic." });
  }
  if (s.bypassesSecurityChecks) {
    forbidden.push({ rule: "no-security-bypass", explanation: "Experiments must never bypass security checks." });
  }
  if (s.exposesPrivateData) {
    forbidden.push({ rule: "no-private-data-exposure", explanation: "Experiments must never expose private data." });
  }
  if (forbidden.length > 0) return { verdict: "forbidden", reasons: forbidden };

  const approvals: { kind: ApprovalKind; reasons: PolicyReason[] }[] = [];
  const pricing: PolicyReason[] = [];
  if (experiment.type === "pricing") {
    pricing.push({ rule: "pricing-type", explanation: "Pricing experiments need a pricing approver's approval before launch." });
  }
  if (s.affectsBilling) {
    pricing.push({ rule: "affects-billing", explanation: "It affects billing, which is never changed without a pricing approval." });
  }
  if (pricing.length > 0) approvals.push({ kind: "pricing", reasons: pricing });

  const security: PolicyReason[] = [];
  if (s.touchesPersonalData) security.push({ rule: "personal-data", explanation: "It touches personal data: a security reviewer must sign off." });
  if (s.affectsBilling) security.push({ rule: "billing-sensitive", explanation: "It affects billing, a sensitive area: a security reviewer must sign off." });
  if (s.changesCompliance) {
    security.push({ rule: "compliance", explanation: "It changes compliance behaviour: a security reviewer must sign off." });
  }
  if (s.securityAdjacent) {
    security.push({ rule: "security-adjacent", explanation: "It touches security-adjacent areas: a security reviewer must sign off." });
  }
  if (security.length > 0) approvals.push({ kind: "security", reasons: security });

  return { verdict: "allowed", approvals };
}

export function requiredApprovalKinds(policy: Policy): ApprovalKind[] {
  return policy.verdict === "allowed" ? policy.approvals.map((a) => a.kind) : [];
}

/** The plain-words summary the experiment page shows next to the policy. */
export function describePolicy(policy: Policy): string {
  if (policy.verdict === "forbidden") return `Not allowed: ${policy.reasons.map((r) => r.explanation).join(" ")}`;
  if (policy.approvals.length === 0) return "No approvals needed: it can launch once its hypothesis and design are complete.";
  const kinds = policy.approvals.map((a) => (a.kind === "pricing" ? "a pricing approval" : "a security sign-off"));
  return `Needs ${kinds.join(" and ")} before launch.`;
}
