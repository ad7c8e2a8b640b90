import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { SnapshotCompileError } from "./compile-error";
import { compileSnapshot } from "./compile-snapshot";
import { bucketOf } from "./hash";
import type { EvaluationContext } from "./result";
import { snapshotOf, snapshotFlag } from "./snapshot-fixtures";
import { snapshotSchema, type Snapshot, type SnapshotFlag, type SnapshotSegment } from "./snapshot-format";

const flag = snapshotFlag;
const snapshot = snapshotOf;
const ctx = (targetingKey: string, attrs: Record<string, unknown> = {}): EvaluationContext =>
  ({ targetingKey, ...attrs }) as EvaluationContext;
const evaluate = (f: SnapshotFlag, context: EvaluationContext, segments: SnapshotSegment[] = []) =>
  compileSnapshot(snapshot([f], segments)).evaluate(f.key, context)!;

/** a unit id whose bucket for `salt` satisfies `predicate` */
const unitWhere = (salt: string, predicate: (bucket: number) => boolean): string => {
  for (let i = 0; ; i++) if (predicate(bucketOf(salt, `user-${i}`))) return `user-${i}`;
};

describe("compileSnapshot: evaluation order and reasons", () => {
  it("serves the off variation to everyone when disabled", () => {
    const f = flag({ enabled: false, targets: [{ variation: "on", values: ["u1"] }], experiment: { key: "exp" } });
    expect(evaluate(f, ctx("u1"))).toEqual({
      key: "new-checkout",
      value: false,
      variant: "off",
      reason: "DISABLED",
      metadata: { flagVersion: 3, revision: 7, inExperiment: false, experimentKey: "exp" },
    });
  });

  it("is STATIC when on with no targets or rules and 100 % to one variation", () => {
    expect(evaluate(flag(), ctx("anyone"))).toEqual({
      key: "new-checkout",
      value: true,
      variant: "on",
      reason: "STATIC",
      metadata: { flagVersion: 3, revision: 7, inExperiment: false },
    });
    const weighted = flag({ rollout: { percentage: 100, weights: [{ variation: "off", weight: 0 }, { variation: "on", weight: 5 }] } });
    expect(evaluate(weighted, ctx("x")).reason).toBe("STATIC");
    expect(evaluate(flag({ targets: [{ variation: "off", values: ["u9"] }] }), ctx("x")).reason).toBe("SPLIT");
    expect(evaluate(flag({ rollout: { percentage: 99.99, weights: [{ variation: "on", weight: 1 }] } }), ctx("x")).reason).not.toBe("STATIC");
  });

  it("individual targets come before rules; the first list naming a unit wins", () => {
    const f = flag({
      targets: [
        { variation: "off", values: ["u1", "u2"] },
        { variation: "on", values: ["u2", "u3"] },
      ],
      rules: [{ id: "r1", match: "all", conditions: [{ attribute: "plan", operator: "equals", values: ["pro"] }], serve: { variation: "on" } }],
    });
    expect(evaluate(f, ctx("u1", { plan: "pro" }))).toMatchObject({ variant: "off", reason: "TARGETING_MATCH" });
    expect(evaluate(f, ctx("u1")).metadata).toEqual({ flagVersion: 3, revision: 7, inExperiment: false });
    expect(evaluate(f, ctx("u2")).variant).toBe("off");
    expect(evaluate(f, ctx("u3")).variant).toBe("on");
    expect(evaluate(f, ctx("u4", { plan: "pro" }))).toMatchObject({ variant: "on", reason: "TARGETING_MATCH", metadata: { ruleId: "r1" } });
  });

  it("the first matching rule decides", () => {
    const f = flag({
      rollout: { percentage: 0, weights: [{ variation: "on", weight: 1 }] },
      rules: [
        { id: "fr", match: "all", conditions: [{ attribute: "country", operator: "equals", values: ["fr"] }], serve: { variation: "off" } },
        { id: "eu", match: "any", conditions: [
          { attribute: "country", operator: "equals", values: ["fr"] },
          { attribute: "country", operator: "equals", values: ["de"] },
        ], serve: { variation: "on" } },
      ],
    });
    expect(evaluate(f, ctx("u", { country: "fr" }))).toMatchObject({ variant: "off", reason: "TARGETING_MATCH", metadata: { ruleId: "fr" } });
    expect(evaluate(f, ctx("u", { country: "de" }))).toMatchObject({ variant: "on", reason: "TARGETING_MATCH", metadata: { ruleId: "eu" } });
    expect(evaluate(f, ctx("u", { country: "es" }))).toEqual({
      key: "new-checkout",
      value: false,
      variant: "off",
      reason: "DEFAULT",
      metadata: { flagVersion: 3, revision: 7, inExperiment: false },
    });
  });

  it("a rule's rollout gives SPLIT inside coverage and DEFAULT (with the rule id) outside", () => {
    const f = flag({
      experiment: { key: "checkout-test" },
      rules: [
        {
          id: "beta",
          match: "all",
          conditions: [{ attribute: "beta", operator: "equals", values: [true] }],
          serve: { rollout: { percentage: 50, weights: [{ variation: "off", weight: 1 }, { variation: "on", weight: 1 }] } },
        },
      ],
    });
    // ranges: off [0, 2500), on [5000, 7500)
    const inOff = unitWhere("salt-1", (b) => b < 2500);
    const inOn = unitWhere("salt-1", (b) => b >= 5000 && b < 7500);
    const outside = unitWhere("salt-1", (b) => b >= 2500 && b < 5000);
    expect(evaluate(f, ctx(inOff, { beta: true }))).toEqual({
      key: "new-checkout",
      value: false,
      variant: "off",
      reason: "SPLIT",
      metadata: { flagVersion: 3, revision: 7, inExperiment: true, experimentKey: "checkout-test", ruleId: "beta" },
    });
    expect(evaluate(f, ctx(inOn, { beta: true }))).toMatchObject({ variant: "on", reason: "SPLIT", metadata: { inExperiment: true } });
    expect(evaluate(f, ctx(outside, { beta: true }))).toEqual({
      key: "new-checkout",
      value: false,
      variant: "off",
      reason: "DEFAULT",
      metadata: { flagVersion: 3, revision: 7, inExperiment: false, experimentKey: "checkout-test", ruleId: "beta" },
    });
    // not in the rule → the default rollout (100 % on, but not STATIC because there is a rule)
    expect(evaluate(f, ctx(outside))).toMatchObject({ variant: "on", reason: "SPLIT", metadata: { inExperiment: true } });
  });

  it("the default rollout buckets with murmur3(salt:unitId) % 10000", () => {
    const f = flag({
      valueType: "string",
      variations: { control: "Buy", a: "Buy now", b: "Get it" },
      offVariation: "control",
      rollout: {
        percentage: 30,
        weights: [
          { variation: "control", weight: 1 },
          { variation: "a", weight: 1 },
          { variation: "b", weight: 1 },
        ],
      },
    });
    // lengths 3333/3333/3334 → covered [0,999) [3333,4332) [6666,7666)
    const compiled = compileSnapshot(snapshot([f]));
    for (let i = 0; i < 2_000; i++) {
      const id = `user-${i}`;
      const b = bucketOf("salt-1", id);
      const expected = b < 999 ? "control" : b >= 3333 && b < 4332 ? "a" : b >= 6666 && b < 7666 ? "b" : null;
      const result = compiled.evaluate(f.key, ctx(id))!;
      if (expected === null) expect(result).toMatchObject({ variant: "control", value: "Buy", reason: "DEFAULT" });
      else expect(result).toMatchObject({ variant: expected, reason: "SPLIT", metadata: { inExperiment: false } });
    }
  });

  it("0 % coverage serves the off variation (DEFAULT) without hashing; weights all 0 too", () => {
    expect(evaluate(flag({ rollout: { percentage: 0, weights: [{ variation: "on", weight: 1 }] } }), ctx("u")).reason).toBe("DEFAULT");
    expect(evaluate(flag({ rollout: { percentage: 100, weights: [{ variation: "on", weight: 0 }] } }), ctx("u")).reason).toBe("DEFAULT");
  });

  it("serves number and json values, frozen", () => {
    const f = flag({
      valueType: "json",
      variations: { grid: { layout: "grid", cols: [2, 3] }, list: { layout: "list" } },
      offVariation: "list",
    });
    const variations = f.variations;
    f.rollout = { percentage: 100, weights: [{ variation: "grid", weight: 1 }] };
    const result = evaluate(f, ctx("u"));
    expect(result.value).toEqual({ layout: "grid", cols: [2, 3] });
    expect(Object.isFrozen(result.value)).toBe(true);
    expect(Object.isFrozen(result.metadata)).toBe(true);
    expect(Object.isFrozen(variations.grid)).toBe(false); // the input snapshot is not frozen
    const n = flag({ valueType: "number", variations: { low: 4.99, high: 9 }, offVariation: "low", rollout: { percentage: 100, weights: [{ variation: "high", weight: 1 }] } });
    expect(evaluate(n, ctx("u")).value).toBe(9);
  });

  it("evaluateAll returns every flag in snapshot order; evaluate returns null for unknown flags", () => {
    const compiled = compileSnapshot(snapshot([flag({ key: "b" }), flag({ key: "a", enabled: false })]));
    expect(compiled.flagKeys).toEqual(["b", "a"]);
    expect(compiled.environmentKey).toBe("production");
    expect(compiled.revision).toBe(7);
    expect(compiled.evaluateAll(ctx("u")).map((r) => [r.key, r.reason])).toEqual([
      ["b", "STATIC"],
      ["a", "DISABLED"],
    ]);
    expect(compiled.evaluate("missing", ctx("u"))).toBeNull();
    expect(compiled.evaluate("__proto__", ctx("u"))).toBeNull();
    expect(compileSnapshot(snapshot([])).evaluateAll(ctx("u"))).toEqual([]);
  });

  it("returns precomputed frozen results that no caller can change for the next one", () => {
    const compiled = compileSnapshot(snapshot([flag()]));
    const a = compiled.evaluate("new-checkout", ctx("u"))!;
    expect(Object.isFrozen(a)).toBe(true);
    expect(() => {
      a.reason = "ERROR";
    }).toThrow(TypeError);
    expect(compiled.evaluate("new-checkout", ctx("u"))!.reason).toBe("STATIC");
  });
});

describe("segments", () => {
  const segments: SnapshotSegment[] = [
    { key: "staff", conditions: [{ attribute: "email", operator: "ends_with", values: ["@keel.dev"] }], included: ["friend"], excluded: ["intern"] },
    { key: "list-only", conditions: [], included: ["u1"], excluded: [] },
    {
      key: "staff-on-ios",
      conditions: [
        { attribute: "targetingKey", operator: "in_segment", values: ["staff"] },
        { attribute: "os", operator: "equals", values: ["ios"] },
      ],
      included: [],
      excluded: [],
    },
  ];
  const inSegment = (key: string) =>
    flag({
      rollout: { percentage: 0, weights: [{ variation: "on", weight: 1 }] },
      rules: [{ id: "r", match: "all", conditions: [{ attribute: "targetingKey", operator: "in_segment", values: [key] }], serve: { variation: "on" } }],
    });
  const member = (key: string, c: EvaluationContext) => evaluate(inSegment(key), c, segments).reason === "TARGETING_MATCH";

  it("excluded beats included beats conditions", () => {
    expect(member("staff", ctx("ann", { email: "ann@keel.dev" }))).toBe(true);
    expect(member("staff", ctx("bob", { email: "bob@example.com" }))).toBe(false);
    expect(member("staff", ctx("friend", { email: "f@example.com" }))).toBe(true);
    expect(member("staff", ctx("intern", { email: "intern@keel.dev" }))).toBe(false);
  });

  it("a segment without conditions is just its included ids", () => {
    expect(member("list-only", ctx("u1"))).toBe(true);
    expect(member("list-only", ctx("u2"))).toBe(false);
  });

  it("segments can nest", () => {
    expect(member("staff-on-ios", ctx("ann", { email: "ann@keel.dev", os: "ios" }))).toBe(true);
    expect(member("staff-on-ios", ctx("ann", { email: "ann@keel.dev", os: "android" }))).toBe(false);
    expect(member("staff-on-ios", ctx("intern", { email: "intern@keel.dev", os: "ios" }))).toBe(false);
  });

  it("membership is recomputed for every call (no stale memo between contexts)", () => {
    const compiled = compileSnapshot(snapshot([inSegment("staff"), { ...inSegment("staff"), key: "second" }], segments));
    const c = ctx("ann", { email: "ann@keel.dev" });
    expect(compiled.evaluateAll(c).map((r) => r.reason)).toEqual(["TARGETING_MATCH", "TARGETING_MATCH"]);
    c.email = "ann@example.com";
    expect(compiled.evaluate("second", c)!.reason).toBe("DEFAULT");
    expect(compiled.evaluateAll(c).map((r) => r.reason)).toEqual(["DEFAULT", "DEFAULT"]);
  });
});

describe("compileSnapshot: refuses what it cannot evaluate", () => {
  const fails = (s: Snapshot, message: RegExp, path?: string) => {
    let error: unknown;
    try {
      compileSnapshot(s);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(SnapshotCompileError);
    expect((error as Error).message).toMatch(message);
    if (path !== undefined) expect((error as SnapshotCompileError).path).toBe(path);
  };
  const rule = (overrides: Partial<SnapshotFlag["rules"][number]>): SnapshotFlag["rules"][number] => ({
    id: "r1",
    match: "all",
    conditions: [{ attribute: "plan", operator: "equals", values: ["pro"] }],
    serve: { variation: "on" },
    ...overrides,
  });

  it("names missing variations", () => {
    fails(snapshot([flag({ offVariation: "nope" })]), /Flag “new-checkout”: the off variation “nope” is not one of its variations \(“on”, “off”\)/, "flags.0.offVariation");
    fails(snapshot([flag({ targets: [{ variation: "x", values: [] }] })]), /target list serves variation “x”/, "flags.0.targets.0.variation");
    fails(snapshot([flag({ rules: [rule({ serve: { variation: "x" } })] })]), /rule “r1” serves variation “x”/, "flags.0.rules.0.serve.variation");
    fails(
      snapshot([flag({ rules: [rule({ serve: { rollout: { percentage: 5, weights: [{ variation: "x", weight: 1 }] } } })] })]),
      /rollout serves variation “x”/,
      "flags.0.rules.0.serve.rollout.weights.0.variation",
    );
    fails(snapshot([flag({ rollout: { percentage: 5, weights: [{ variation: "x", weight: 1 }] } })]), /“x”/, "flags.0.rollout.weights.0.variation");
  });

  it("names bad conditions, rollouts and values", () => {
    fails(
      snapshot([flag({ rules: [rule({ conditions: [{ attribute: "appVersion", operator: "semver_gte", values: ["abc"] }] })] })]),
      /^Flag “new-checkout”: rule “r1”, condition 1: Condition on “appVersion”: “abc” is not a semantic version \(e\.g\. 1\.4\.0\)\.$/,
      "flags.0.rules.0.conditions.0",
    );
    fails(snapshot([flag({ rollout: { percentage: 120, weights: [{ variation: "on", weight: 1 }] } })]), /between 0 and 100/, "flags.0.rollout.percentage");
    fails(snapshot([flag({ variations: { on: "yes", off: false } })]), /variation “on” serves "yes", which is not a boolean/);
    fails(snapshot([flag({ rules: [rule({}), rule({})] })]), /rule “r1” appears twice/, "flags.0.rules.1.id");
    fails(snapshot([flag(), flag()]), /Flag “new-checkout” appears twice/, "flags.1.key");
    fails({ ...snapshot([]), format: "keel-snapshot/2" as "keel-snapshot/1" }, /Unsupported snapshot format/);
  });

  it("names missing segments and segment cycles", () => {
    const refers = (key: string, to: string[]): SnapshotSegment => ({
      key,
      conditions: [{ attribute: "targetingKey", operator: "in_segment", values: to }],
      included: [],
      excluded: [],
    });
    fails(
      snapshot([flag({ rules: [rule({ conditions: [{ attribute: "targetingKey", operator: "in_segment", values: ["ghost"] }] })] })]),
      /rule “r1”, condition 1: segment “ghost” does not exist/,
      "flags.0.rules.0.conditions.0.values",
    );
    fails(snapshot([], [refers("a", ["ghost"])]), /Segment “a”, condition 1: segment “ghost” does not exist/);
    fails(snapshot([], [refers("a", ["b"]), refers("b", ["c"]), refers("c", ["a"])]), /cycle: “a” → “b” → “c” → “a”/);
    fails(snapshot([], [refers("a", ["a"])]), /cycle: “a” → “a”/);
    fails(snapshot([], [refers("a", ["b"]), refers("a", ["b"])]), /Segment “a” appears twice/);
    // a diamond is not a cycle
    expect(() => compileSnapshot(snapshot([], [refers("a", ["b", "c"]), refers("b", ["d"]), refers("c", ["d"]), { key: "d", conditions: [], included: [], excluded: [] }]))).not.toThrow();
  });
});

describe("never throws on any valid context", () => {
  it("treats a non-string targetingKey from an untyped caller as an empty unit id", () => {
    const compiled = compileSnapshot(snapshot([flag({ key: "split", rollout: { percentage: 50, weights: [{ variation: "on", weight: 1 }] } })]));
    const empty = compiled.evaluate("split", ctx(""))!;
    for (const targetingKey of [undefined, null, 42, { id: 1 }]) {
      const context = { targetingKey } as unknown as EvaluationContext;
      expect(compiled.evaluate("split", context)).toEqual(empty);
      expect(compiled.evaluateAll(context)).toEqual([empty]);
    }
  });


  it("evaluates arbitrary JSON contexts", () => {
    const s = snapshot(
      [
        flag({
          rules: [
            {
              id: "all-ops",
              match: "any",
              conditions: [
                { attribute: "a", operator: "contains", values: ["x"] },
                { attribute: "b", operator: "semver_gt", values: ["1.0.0"] },
                { attribute: "c", operator: "gt", values: [3] },
                { attribute: "d", operator: "in", values: ["x", 1, true] },
                { attribute: "__proto__", operator: "exists", values: [] },
                { attribute: "targetingKey", operator: "not_in_segment", values: ["s"] },
              ],
              serve: { rollout: { percentage: 50, weights: [{ variation: "on", weight: 1 }, { variation: "off", weight: 1 }] } },
            },
          ],
        }),
      ],
      [{ key: "s", conditions: [{ attribute: "e", operator: "starts_with", values: ["y"] }], included: [], excluded: [] }],
    );
    expect(snapshotSchema.safeParse(s).success).toBe(true);
    const compiled = compileSnapshot(s);
    const attribute = fc.oneof(fc.constantFrom("a", "b", "c", "d", "e", "__proto__", "constructor"), fc.string());
    fc.assert(
      fc.property(fc.string(), fc.dictionary(attribute, fc.jsonValue(), { maxKeys: 8 }), (targetingKey, attrs) => {
        const c = { ...attrs, targetingKey } as EvaluationContext;
        const one = compiled.evaluate("new-checkout", c)!;
        const all = compiled.evaluateAll(c);
        return one.variant === all[0]!.variant && ["on", "off"].includes(one.variant);
      }),
      { numRuns: 2_000 },
    );
  });
});
