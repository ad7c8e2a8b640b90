import { describe, expect, it } from "vitest";
import { AppError } from "../errors";
import type { Condition } from "../evaluation/snapshot-format";
import { checkSegment, createSegmentInput, MAX_SEGMENT_UNIT_IDS, updateSegmentInput } from "./segment-input";
import { findSegmentCycle, formatCyclePath } from "./segment-cycles";
import { describeUsages, segmentInUseMessage, segmentUsages } from "./segment-usages";

const inSegment = (...keys: string[]): Condition => ({ attribute: "targetingKey", operator: "in_segment", values: keys });
const email: Condition = { attribute: "email", operator: "ends_with", values: ["@keel.local"] };

function fieldErrorsOf(fn: () => void): Record<string, string[]> {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe("BAD_INPUT");
    return (error as AppError).fieldErrors;
  }
  throw new Error("expected a BAD_INPUT error");
}

describe("createSegmentInput", () => {
  it("trims, deduplicates and defaults", () => {
    const parsed = createSegmentInput.parse({ key: " beta-testers ", name: " Beta ", included: [" u1", "u1 ", "u2"] });
    expect(parsed).toEqual({ key: "beta-testers", name: "Beta", description: "", conditions: [], included: ["u1", "u2"], excluded: [] });
  });

  it("refuses bad keys, names and descriptions at their fields", () => {
    const result = createSegmentInput.safeParse({ key: "Beta Testers", name: "", description: "x".repeat(501) });
    expect(result.success).toBe(false);
    const paths = result.error!.issues.map((i) => i.path.join("."));
    expect(paths).toEqual(expect.arrayContaining(["key", "name", "description"]));
  });

  it("refuses empty and over-long unit ids", () => {
    const result = createSegmentInput.safeParse({ key: "beta", name: "Beta", included: ["  ", "x".repeat(513)] });
    expect(result.error!.issues.map((i) => [i.path.join("."), i.message])).toEqual([
      ["included.0", "Included unit ids: a unit id cannot be empty."],
      ["included.1", "Included unit ids: a unit id must be at most 512 characters."],
    ]);
  });

  it("refuses a list over its bound with the bound in the message, counting distinct ids", () => {
    const ids = Array.from({ length: MAX_SEGMENT_UNIT_IDS + 1 }, (_, i) => `u${i}`);
    const result = createSegmentInput.safeParse({ key: "beta", name: "Beta", excluded: ids });
    expect(result.error!.issues[0]!.path).toEqual(["excluded"]);
    expect(result.error!.issues[0]!.message).toContain("at most 10,000 unit ids per list (got 10,001)");
    expect(createSegmentInput.safeParse({ key: "beta", name: "Beta", included: [...ids.slice(0, 10), ...ids.slice(0, 10)] }).success).toBe(true);
  });

  it("needs a version to update", () => {
    expect(updateSegmentInput.safeParse({ key: "beta", name: "Beta" }).error!.issues[0]!.path).toEqual(["version"]);
  });
});

describe("checkSegment", () => {
  const none = new Map<string, Condition[]>();

  it("accepts conditions, included ids or both", () => {
    expect(() => checkSegment("beta", { conditions: [email], included: [], excluded: [] }, none)).not.toThrow();
    expect(() => checkSegment("beta", { conditions: [], included: ["u1"], excluded: ["u2"] }, none)).not.toThrow();
  });

  it("refuses a segment that defines nobody", () => {
    expect(fieldErrorsOf(() => checkSegment("beta", { conditions: [], included: [], excluded: ["u1"] }, none))).toEqual({
      conditions: ["A segment must define who is in it: add a condition or at least one included unit id."],
    });
  });

  it("type-checks operators at the values field, naming the condition", () => {
    const errors = fieldErrorsOf(() =>
      checkSegment(
        "beta",
        {
          conditions: [email, { attribute: "appVersion", operator: "semver_gte", values: ["abc"] }, { attribute: "", operator: "exists", values: [] }],
          included: [],
          excluded: [],
        },
        none,
      ),
    );
    expect(errors["conditions.1.values"]).toEqual(["Condition 2: Condition on “appVersion”: “abc” is not a semantic version (e.g. 1.4.0)."]);
    expect(errors["conditions.2.attribute"]).toEqual(["Condition 3: A condition needs an attribute (for example country)."]);
  });

  it("refuses unknown and self references", () => {
    const errors = fieldErrorsOf(() => checkSegment("beta", { conditions: [inSegment("nope"), inSegment("beta")], included: [], excluded: [] }, none));
    expect(errors["conditions.0.values"]![0]).toContain("segment “nope” does not exist");
    expect(errors["conditions.1.values"]![0]).toContain("cannot reference itself");
  });

  it("refuses an id in both lists", () => {
    const errors = fieldErrorsOf(() => checkSegment("beta", { conditions: [], included: ["u1", "u2"], excluded: ["u2"] }, none));
    expect(errors.excluded).toEqual(["Unit “u2” is both included and excluded; remove it from one list."]);
  });

  it("refuses a cycle through other segments, with the path", () => {
    const segments = new Map<string, Condition[]>([
      ["beta", []],
      ["staff", [inSegment("beta")]],
    ]);
    const errors = fieldErrorsOf(() => checkSegment("beta", { conditions: [email, inSegment("staff")], included: [], excluded: [] }, segments));
    expect(errors["conditions.1.values"]).toEqual([
      "Condition 2: segments would reference each other in a cycle: beta → staff → beta. Remove one of these references.",
    ]);
  });
});

describe("findSegmentCycle", () => {
  it("finds cycles and returns the path", () => {
    const graph = new Map<string, Condition[]>([
      ["a", [inSegment("b")]],
      ["b", [inSegment("c", "x")]],
      ["c", [{ attribute: "targetingKey", operator: "not_in_segment", values: ["a"] }]],
    ]);
    expect(formatCyclePath(findSegmentCycle(graph, "b")!)).toBe("b → c → a → b");
    expect(findSegmentCycle(graph)).toEqual(["a", "b", "c", "a"]);
  });

  it("ignores cycles that do not pass through start, and acyclic graphs", () => {
    const graph = new Map<string, Condition[]>([
      ["a", [inSegment("b")]],
      ["b", [inSegment("c")]],
      ["c", [inSegment("b")]],
    ]);
    expect(findSegmentCycle(graph, "a")).toBeNull();
    expect(findSegmentCycle(graph)).toEqual(["b", "c", "b"]);
    expect(findSegmentCycle(new Map([["a", [inSegment("b")]], ["b", [email]]]))).toBeNull();
  });
});

describe("segmentUsages", () => {
  const usages = segmentUsages({
    flagRules: [
      {
        flagKey: "new-checkout",
        environmentKey: "staging",
        environmentName: "Staging",
        rules: [{ id: "r1", match: "all", conditions: [email, inSegment("beta-testers")], serve: { variation: "on" } }],
      },
      {
        flagKey: "new-checkout",
        environmentKey: "production",
        environmentName: "Production",
        rules: [
          { id: "r0", match: "all", conditions: [email], serve: { variation: "on" } },
          { id: "r2", match: "any", conditions: [{ attribute: "targetingKey", operator: "not_in_segment", values: ["beta-testers"] }], serve: { variation: "off" } },
        ],
      },
    ],
    segments: [
      { key: "staff", conditions: [inSegment("beta-testers")] },
      { key: "beta-testers", conditions: [email] },
    ],
    experiments: [{ key: "checkout-test", name: "Checkout test", segmentKey: "staff" }],
  });

  it("collects flag rules, segments and experiments per segment", () => {
    expect(usages.get("beta-testers")).toEqual([
      { kind: "flag", flagKey: "new-checkout", environmentKey: "staging", environmentName: "Staging", ruleId: "r1", ruleIndex: 0 },
      { kind: "flag", flagKey: "new-checkout", environmentKey: "production", environmentName: "Production", ruleId: "r2", ruleIndex: 1 },
      { kind: "segment", segmentKey: "staff" },
    ]);
    expect(usages.get("staff")).toEqual([{ kind: "experiment", experimentKey: "checkout-test", experimentName: "Checkout test" }]);
    expect(usages.has("nobody")).toBe(false);
  });

  it("describes them in one message", () => {
    expect(describeUsages(usages.get("beta-testers")!)).toEqual(["flag new-checkout (Staging rule r1, Production rule r2)", "segment staff"]);
    expect(segmentInUseMessage("beta-testers", usages.get("beta-testers")!)).toBe(
      "Segment “beta-testers” is used by: flag new-checkout (Staging rule r1, Production rule r2), segment staff. Remove it from them first.",
    );
  });
});
