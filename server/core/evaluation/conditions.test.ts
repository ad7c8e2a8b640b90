import { describe, expect, it } from "vitest";
import { compileCondition, combine, validateCondition, type ContextPredicate } from "./conditions";
import type { EvaluationContext } from "./result";
import type { Condition, ConditionValue, Operator } from "./snapshot-format";

const noSegments = (key: string): ContextPredicate => {
  throw new Error(`unexpected segment ${key}`);
};
const cond = (attribute: string, operator: Operator, values: ConditionValue[]): Condition => ({ attribute, operator, values });
const test = (c: Condition, attrs: Record<string, unknown>, segment = noSegments): boolean => {
  expect(validateCondition(c)).toBeNull();
  return compileCondition(c, segment)({ targetingKey: "u1", ...attrs } as EvaluationContext);
};

describe("validateCondition", () => {
  it("names the attribute and the problem", () => {
    expect(validateCondition(cond("appVersion", "semver_gte", ["abc"]))).toBe(
      "Condition on “appVersion”: “abc” is not a semantic version (e.g. 1.4.0).",
    );
    expect(validateCondition(cond("age", "gt", ["18"]))).toBe("Condition on “age”: “18” is not a number; “gt” compares numbers.");
    expect(validateCondition(cond("plan", "equals", ["a", "b"]))).toBe("Condition on “plan”: “equals” takes exactly one value (got 2).");
    expect(validateCondition(cond("plan", "equals", []))).toMatch(/exactly one value \(got 0\)/);
    expect(validateCondition(cond("country", "in", []))).toBe("Condition on “country”: “in” needs at least one value.");
    expect(validateCondition(cond("email", "exists", ["x"]))).toBe("Condition on “email”: “exists” takes no values (got 1).");
    expect(validateCondition(cond("email", "contains", [3]))).toBe("Condition on “email”: “contains” compares text; 3 is not text.");
    expect(validateCondition(cond("v", "semver_eq", [1]))).toMatch(/1 is not a semantic version/);
    expect(validateCondition(cond("v", "semver_eq", ["1.0.0", "2.0.0"]))).toMatch(/exactly one version/);
    expect(validateCondition(cond("targetingKey", "in_segment", []))).toMatch(/at least one segment/);
    expect(validateCondition(cond("targetingKey", "in_segment", [""]))).toMatch(/not a segment key/);
    expect(validateCondition(cond("x", "gt", [Number.NaN]))).toMatch(/values must be text, numbers/);
    expect(validateCondition(cond("x", "bogus" as Operator, []))).toMatch(/not a known operator/);
    expect(validateCondition(cond("", "exists", []))).toMatch(/needs an attribute/);
  });

  it("accepts well-formed conditions", () => {
    for (const c of [
      cond("plan", "equals", ["pro"]),
      cond("n", "not_equals", [3]),
      cond("c", "in", ["fr", "de"]),
      cond("c", "not_in", [1]),
      cond("e", "ends_with", ["@acme.com", "@acme.org"]),
      cond("n", "lte", [4.5]),
      cond("v", "semver_lt", ["v2.0.0-beta.1"]),
      cond("x", "not_exists", []),
      cond("targetingKey", "not_in_segment", ["beta"]),
    ]) {
      expect(validateCondition(c)).toBeNull();
    }
  });
});

describe("operators", () => {
  it("missing or null attributes match nothing but not_exists", () => {
    const cases: Condition[] = [
      cond("a", "equals", ["x"]),
      cond("a", "not_equals", ["x"]),
      cond("a", "in", ["x"]),
      cond("a", "not_in", ["x"]),
      cond("a", "contains", ["x"]),
      cond("a", "starts_with", ["x"]),
      cond("a", "ends_with", ["x"]),
      cond("a", "gt", [1]),
      cond("a", "gte", [1]),
      cond("a", "lt", [1]),
      cond("a", "lte", [1]),
      cond("a", "semver_eq", ["1.0.0"]),
      cond("a", "semver_gt", ["1.0.0"]),
      cond("a", "semver_gte", ["1.0.0"]),
      cond("a", "semver_lt", ["1.0.0"]),
      cond("a", "semver_lte", ["1.0.0"]),
      cond("a", "exists", []),
    ];
    for (const c of cases) {
      expect(test(c, {}), `${c.operator} missing`).toBe(false);
      expect(test(c, { a: null }), `${c.operator} null`).toBe(false);
    }
    expect(test(cond("a", "not_exists", []), {})).toBe(true);
    expect(test(cond("a", "not_exists", []), { a: null })).toBe(true);
    expect(test(cond("a", "not_exists", []), { a: 0 })).toBe(false);
    expect(test(cond("a", "exists", []), { a: false })).toBe(true);
  });

  it("equals / not_equals are strict, any element of an array", () => {
    expect(test(cond("plan", "equals", ["pro"]), { plan: "pro" })).toBe(true);
    expect(test(cond("plan", "equals", ["pro"]), { plan: "Pro" })).toBe(false);
    expect(test(cond("n", "equals", [1]), { n: "1" })).toBe(false);
    expect(test(cond("n", "equals", ["1"]), { n: 1 })).toBe(false);
    expect(test(cond("b", "equals", [true]), { b: true })).toBe(true);
    expect(test(cond("tags", "equals", ["beta"]), { tags: ["alpha", "beta"] })).toBe(true);
    expect(test(cond("tags", "equals", ["beta"]), { tags: ["alpha"] })).toBe(false);
    expect(test(cond("plan", "not_equals", ["pro"]), { plan: "free" })).toBe(true);
    expect(test(cond("plan", "not_equals", ["pro"]), { plan: "pro" })).toBe(false);
    expect(test(cond("tags", "not_equals", ["beta"]), { tags: ["alpha", "beta"] })).toBe(false);
    expect(test(cond("tags", "not_equals", ["beta"]), { tags: ["alpha"] })).toBe(true);
    expect(test(cond("targetingKey", "equals", ["u1"]), {})).toBe(true);
  });

  it("in / not_in", () => {
    expect(test(cond("c", "in", ["fr", "de"]), { c: "de" })).toBe(true);
    expect(test(cond("c", "in", ["fr", "de"]), { c: "es" })).toBe(false);
    expect(test(cond("c", "in", [1, 2]), { c: "1" })).toBe(false);
    expect(test(cond("c", "in", ["fr"]), { c: ["es", "fr"] })).toBe(true);
    expect(test(cond("c", "in", ["fr"]), { c: { fr: true } })).toBe(false);
    expect(test(cond("c", "not_in", ["fr", "de"]), { c: "es" })).toBe(true);
    expect(test(cond("c", "not_in", ["fr", "de"]), { c: "fr" })).toBe(false);
    expect(test(cond("c", "not_in", ["fr"]), { c: ["es", "fr"] })).toBe(false);
    expect(test(cond("c", "not_in", ["fr"]), { c: [] })).toBe(true);
  });

  it("contains / starts_with / ends_with need a string, any value, case-sensitive", () => {
    expect(test(cond("e", "contains", ["acme"]), { e: "bob@acme.com" })).toBe(true);
    expect(test(cond("e", "contains", ["ACME"]), { e: "bob@acme.com" })).toBe(false);
    expect(test(cond("e", "contains", ["x", "acme"]), { e: "bob@acme.com" })).toBe(true);
    expect(test(cond("e", "contains", ["1"]), { e: 123 })).toBe(false);
    expect(test(cond("e", "contains", ["a"]), { e: ["a"] })).toBe(false);
    expect(test(cond("e", "starts_with", ["bob"]), { e: "bob@acme.com" })).toBe(true);
    expect(test(cond("e", "starts_with", ["acme"]), { e: "bob@acme.com" })).toBe(false);
    expect(test(cond("e", "ends_with", ["@acme.org", "@acme.com"]), { e: "bob@acme.com" })).toBe(true);
    expect(test(cond("e", "ends_with", ["@acme.org"]), { e: "bob@acme.com" })).toBe(false);
  });

  it("gt / gte / lt / lte need a finite number", () => {
    expect(test(cond("n", "gt", [18]), { n: 19 })).toBe(true);
    expect(test(cond("n", "gt", [18]), { n: 18 })).toBe(false);
    expect(test(cond("n", "gte", [18]), { n: 18 })).toBe(true);
    expect(test(cond("n", "lt", [18]), { n: 17.5 })).toBe(true);
    expect(test(cond("n", "lt", [18]), { n: 18 })).toBe(false);
    expect(test(cond("n", "lte", [18]), { n: 18 })).toBe(true);
    expect(test(cond("n", "gt", [18]), { n: "19" })).toBe(false);
    expect(test(cond("n", "gt", [18]), { n: Number.POSITIVE_INFINITY })).toBe(false);
    expect(test(cond("n", "lt", [18]), { n: Number.NaN })).toBe(false);
    expect(test(cond("n", "gt", [1]), { n: [5] })).toBe(false);
  });

  it("semver_* compare valid versions only", () => {
    expect(test(cond("v", "semver_gte", ["1.4.0"]), { v: "1.4.0" })).toBe(true);
    expect(test(cond("v", "semver_gte", ["1.4.0"]), { v: "1.10.0" })).toBe(true);
    expect(test(cond("v", "semver_gte", ["1.4.0"]), { v: "1.3.9" })).toBe(false);
    expect(test(cond("v", "semver_gt", ["1.4.0"]), { v: "1.4.0" })).toBe(false);
    expect(test(cond("v", "semver_lt", ["1.4.0"]), { v: "1.4.0-beta.2" })).toBe(true);
    expect(test(cond("v", "semver_lte", ["1.4.0"]), { v: "1.4.0" })).toBe(true);
    expect(test(cond("v", "semver_eq", ["1.4.0"]), { v: "v1.4.0" })).toBe(true);
    expect(test(cond("v", "semver_eq", ["1.4.0"]), { v: "1.4.0+build.7" })).toBe(true);
    expect(test(cond("v", "semver_eq", ["1.4.0"]), { v: "1.4" })).toBe(false);
    expect(test(cond("v", "semver_lt", ["9.0.0"]), { v: "banana" })).toBe(false);
    expect(test(cond("v", "semver_lt", ["9.0.0"]), { v: 1 })).toBe(false);
    expect(test(cond("v", "semver_lt", ["9.0.0"]), { v: "1".repeat(10_000) })).toBe(false);
  });

  it("segments: any for in_segment, none for not_in_segment", () => {
    const members: Record<string, boolean> = { a: true, b: false, c: false };
    const segment = (key: string): ContextPredicate => () => members[key]!;
    expect(test(cond("targetingKey", "in_segment", ["b", "a"]), {}, segment)).toBe(true);
    expect(test(cond("targetingKey", "in_segment", ["b", "c"]), {}, segment)).toBe(false);
    expect(test(cond("targetingKey", "in_segment", ["a"]), {}, segment)).toBe(true);
    expect(test(cond("targetingKey", "not_in_segment", ["b", "c"]), {}, segment)).toBe(true);
    expect(test(cond("targetingKey", "not_in_segment", ["b", "a"]), {}, segment)).toBe(false);
    expect(test(cond("targetingKey", "not_in_segment", ["a"]), {}, segment)).toBe(false);
  });

  it("reads only own properties, even for names on Object.prototype", () => {
    expect(test(cond("constructor", "exists", []), {})).toBe(false);
    expect(test(cond("toString", "not_exists", []), {})).toBe(true);
    expect(test(cond("__proto__", "exists", []), {})).toBe(false);
    const ctx = JSON.parse('{"targetingKey":"u","__proto__":"x","constructor":"y"}') as EvaluationContext;
    expect(compileCondition(cond("__proto__", "equals", ["x"]), noSegments)(ctx)).toBe(true);
    expect(compileCondition(cond("constructor", "equals", ["y"]), noSegments)(ctx)).toBe(true);
  });

  it("combines with all / any", () => {
    const t: ContextPredicate = () => true;
    const f: ContextPredicate = () => false;
    const ctx = { targetingKey: "u" };
    expect(combine("all", [t, t])(ctx)).toBe(true);
    expect(combine("all", [t, f])(ctx)).toBe(false);
    expect(combine("all", [t, t, f])(ctx)).toBe(false);
    expect(combine("all", [t, t, t])(ctx)).toBe(true);
    expect(combine("any", [f, t])(ctx)).toBe(true);
    expect(combine("any", [f, f])(ctx)).toBe(false);
    expect(combine("any", [f])(ctx)).toBe(false);
  });
});
