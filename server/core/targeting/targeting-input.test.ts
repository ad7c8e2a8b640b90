import { describe, expect, it } from "vitest";
import { AppError } from "../errors";
import { checkTargeting, MAX_TARGETS, updateTargetingInput } from "./targeting-input";
import type { Rule } from "../evaluation/snapshot-format";

const context = { variationKeys: ["on", "off"], segmentKeys: ["beta-testers"] };
const proRule: Rule = { id: "pro", match: "all", conditions: [{ attribute: "plan", operator: "in", values: ["pro", "enterprise"] }], serve: { variation: "on" } };

function problems(input: Parameters<typeof checkTargeting>[0]): Record<string, string[]> {
  try {
    checkTargeting(input, context);
  } catch (error) {
    if (error instanceof AppError) return error.fieldErrors;
    throw error;
  }
  throw new Error("expected a refusal");
}

describe("checking a flag's targeting", () => {
  it("accepts rules and targets and normalises target lists", () => {
    const rollout: Rule = { id: "de", match: "any", conditions: [{ attribute: "country", operator: "in", values: ["DE", "FR"] }], serve: { rollout: { percentage: 20, weights: [{ variation: "on", weight: 10_000 }] } } };
    const out = checkTargeting({ rules: [proRule, rollout], targets: [{ variation: "on", values: ["qa-1", "qa-1", "qa-2"] }, { variation: "off", values: [] }] }, context);
    expect(out.targets).toEqual([{ variation: "on", values: ["qa-1", "qa-2"] }]);
    expect(out.rules.map((r) => r.id)).toEqual(["pro", "de"]);
  });

  it("refuses a semver operator with a value that is not a version, at the value's field", () => {
    const rule: Rule = { ...proRule, conditions: [{ attribute: "appVersion", operator: "semver_gte", values: ["abc"] }] };
    expect(problems({ rules: [rule], targets: [] })["rules.0.conditions.0.values"]?.[0]).toMatch(/“abc” is not a semantic version/);
  });

  it("refuses duplicate rule ids, unknown variations and unknown segments, naming each field", () => {
    const errors = problems({
      rules: [
        proRule,
        { ...proRule, serve: { variation: "purple" } },
        { id: "seg", match: "all", conditions: [{ attribute: "targetingKey", operator: "in_segment", values: ["nobody"] }], serve: { variation: "on" } },
      ],
      targets: [{ variation: "maybe", values: ["u1"] }],
    });
    expect(errors["rules.1.id"]?.[0]).toMatch(/Rule id “pro” is used by rule 1 too/);
    expect(errors["rules.1.serve.variation"]?.[0]).toMatch(/Variation “purple” is not one of this flag's variations \(on, off\)/);
    expect(errors["rules.2.conditions.0.values"]?.[0]).toMatch(/Segment “nobody” does not exist/);
    expect(errors["targets.0.variation"]?.[0]).toMatch(/Variation “maybe”/);
  });

  it("refuses rollout weights that do not add up to 100 %", () => {
    const rule: Rule = { ...proRule, serve: { rollout: { percentage: 50, weights: [{ variation: "on", weight: 6_000 }, { variation: "off", weight: 3_000 }] } } };
    expect(problems({ rules: [rule], targets: [] })["rules.0.serve.rollout.weights"]?.[0]).toBe("Variation weights must add up to 100 % (they add up to 90 %).");
  });

  it("refuses a unit targeted by two variations, and more targets than the bound", () => {
    expect(problems({ rules: [], targets: [{ variation: "on", values: ["u1"] }, { variation: "off", values: ["u1"] }] })["targets.1.values"]?.[0]).toMatch(/already a target of variation “on”/);
    const many = Array.from({ length: MAX_TARGETS + 1 }, (_, i) => `u${i}`);
    expect(problems({ rules: [], targets: [{ variation: "on", values: many }] }).targets?.[0]).toMatch(/At most 10,000 individual targets/);
  });

  it("refuses empty conditions and an unknown operator in the input shape", () => {
    const empty = updateTargetingInput.safeParse({ flagKey: "f-1", environmentKey: "staging", version: 1, rules: [{ ...proRule, conditions: [] }], targets: [] });
    expect(empty.error?.issues[0]).toMatchObject({ path: ["rules", 0, "conditions"], message: "A rule needs at least one condition." });
    const badOperator = updateTargetingInput.safeParse({ flagKey: "f-1", environmentKey: "staging", version: 1, rules: [{ ...proRule, conditions: [{ attribute: "plan", operator: "like", values: [] }] }], targets: [] });
    expect(badOperator.error?.issues[0]?.path).toEqual(["rules", 0, "conditions", 0, "operator"]);
  });
});
