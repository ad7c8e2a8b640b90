import { describe, expect, it } from "vitest";
import { OPERATORS, type Condition } from "../evaluation/snapshot-format";
import { OPERATOR_LABELS, describeCondition, describeConditions, valueArity } from "./describe";

const segments = [
  { key: "beta-testers", name: "Beta testers" },
  { key: "staff", name: "Staff" },
];

describe("describeCondition", () => {
  it.each<[Condition, string]>([
    [{ attribute: "country", operator: "in", values: ["DE", "FR"] }, "country is one of DE, FR"],
    [{ attribute: "country", operator: "not_in", values: ["US"] }, "country is not one of US"],
    [{ attribute: "plan", operator: "equals", values: ["pro"] }, "plan is pro"],
    [{ attribute: "beta", operator: "not_equals", values: [true] }, "beta is not true"],
    [{ attribute: "email", operator: "ends_with", values: ["@keel.local"] }, "email ends with @keel.local"],
    [{ attribute: "email", operator: "contains", values: ["a", "b"] }, "email contains any of a, b"],
    [{ attribute: "seats", operator: "gte", values: [10] }, "seats ≥ 10"],
    [{ attribute: "appVersion", operator: "semver_gte", values: ["1.4.0"] }, "appVersion version ≥ 1.4.0"],
    [{ attribute: "plan", operator: "exists", values: [] }, "plan exists"],
    [{ attribute: "plan", operator: "not_exists", values: [] }, "plan does not exist"],
    [{ attribute: "targetingKey", operator: "in_segment", values: ["beta-testers"] }, "user is in segment Beta testers"],
    [{ attribute: "targetingKey", operator: "not_in_segment", values: ["beta-testers", "staff", "gone"] }, "user is not in segment Beta testers, Staff or gone"],
    [{ attribute: "name", operator: "equals", values: [" padded"] }, "name is “ padded”"],
    [{ attribute: "tag", operator: "in", values: ["a,b", ""] }, "tag is one of “a,b”, “”"],
  ])("%j → %s", (condition, expected) => {
    expect(describeCondition(condition, segments)).toBe(expected);
  });

  it("has a label and an arity for every operator", () => {
    for (const operator of OPERATORS) {
      expect(OPERATOR_LABELS[operator]).toBeTruthy();
      expect(["one", "many", "none"]).toContain(valueArity(operator));
    }
  });
});

describe("describeConditions", () => {
  const conditions: Condition[] = [
    { attribute: "country", operator: "in", values: ["DE", "FR"] },
    { attribute: "plan", operator: "equals", values: ["pro"] },
  ];
  it("joins with and / or", () => {
    expect(describeConditions(conditions, "all")).toBe("country is one of DE, FR and plan is pro");
    expect(describeConditions(conditions, "any")).toBe("country is one of DE, FR or plan is pro");
  });
  it("says when there is nothing", () => {
    expect(describeConditions([], "all")).toBe("no conditions");
  });
});
