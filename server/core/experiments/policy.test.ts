import { describe, expect, it } from "vitest";
import { describePolicy, policyFor, requiredApprovalKinds } from "./policy";
import { EXPERIMENT_TYPES, type ExperimentType } from "./experiment-types";
import type { Sensitivity } from "./experiment-content";
import { NO_SENSITIVITY } from "./test-content";

const declared = (overrides: Partial<Sensitivity>): Sensitivity => ({ ...NO_SENSITIVITY, ...overrides });

describe("policyFor", () => {
  it("needs nothing for the plain types with no sensitivity", () => {
    for (const type of ["feature_flag", "ab_test", "gradual_rollout", "ux_copy"] as const) {
      expect(policyFor({ type, sensitivity: NO_SENSITIVITY })).toEqual({ verdict: "allowed", approvals: [] });
    }
  });

  it("forbids security/auth changes whatever else is declared", () => {
    const policy = policyFor({ type: "security_auth", sensitivity: NO_SENSITIVITY });
    expect(policy.verdict).toBe("forbidden");
    expect(describePolicy(policy)).toContain("never allowed");
  });

  it.each([
    ["altersAuthSession", "no-auth-session-change"],
    ["bypassesSecurityChecks", "no-security-bypass"],
    ["exposesPrivateData", "no-private-data-exposure"],
  ] as const)("forbids an experiment that declares %s", (field, rule) => {
    const policy = policyFor({ type: "ab_test", sensitivity: declared({ [field]: true }) });
    expect(policy).toEqual({ verdict: "forbidden", reasons: [expect.objectContaining({ rule })] });
  });

  it("needs a pricing approval for pricing experiments", () => {
    const policy = policyFor({ type: "pricing", sensitivity: NO_SENSITIVITY });
    expect(requiredApprovalKinds(policy)).toEqual(["pricing"]);
    expect(describePolicy(policy)).toBe("Needs a pricing approval before launch.");
  });

  it("needs a pricing approval and a security sign-off when billing is affected", () => {
    expect(requiredApprovalKinds(policyFor({ type: "ux_copy", sensitivity: declared({ affectsBilling: true }) }))).toEqual(["pricing", "security"]);
  });

  it.each(["touchesPersonalData", "changesCompliance", "securityAdjacent"] as const)("needs a security sign-off when %s", (field) => {
    const policy = policyFor({ type: "ab_test", sensitivity: declared({ [field]: true }) });
    expect(requiredApprovalKinds(policy)).toEqual(["security"]);
    expect(describePolicy(policy)).toBe("Needs a security sign-off before launch.");
  });

  it("is total: every type × every single declaration gives a verdict, and forbidden always wins", () => {
    const keys = Object.keys(NO_SENSITIVITY) as (keyof Sensitivity)[];
    for (const type of EXPERIMENT_TYPES as readonly ExperimentType[]) {
      for (const key of keys) {
        const policy = policyFor({ type, sensitivity: declared({ [key]: true }) });
        const mustForbid = type === "security_auth" || ["altersAuthSession", "bypassesSecurityChecks", "exposesPrivateData"].includes(key);
        expect(policy.verdict).toBe(mustForbid ? "forbidden" : "allowed");
        expect(describePolicy(policy).length).toBeGreaterThan(10);
      }
    }
  });
});
