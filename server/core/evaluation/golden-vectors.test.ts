/**
 * Pins the algorithm: if a change makes any of these vectors fail, units would move between
 * variations (or SDKs in other languages would disagree). Do not regenerate the vectors to make
 * this test pass unless moving users is the intent, and then bump the snapshot format.
 */
import { describe, expect, it } from "vitest";
import { compileSnapshot } from "./compile-snapshot";
import golden from "./golden-vectors.json";
import { bucketOf, murmur3_32 } from "./hash";
import type { EvaluationContext } from "./result";
import { snapshotSchema } from "./snapshot-format";

describe("golden vectors", () => {
  it("reproduces every murmur3_32 hash", () => {
    expect(golden.hash.length).toBeGreaterThan(10);
    for (const v of golden.hash) expect(murmur3_32(v.input, v.seed), JSON.stringify(v.input)).toBe(v.murmur3_32);
  });

  it("reproduces every bucket", () => {
    for (const v of golden.buckets) expect(bucketOf(v.salt, v.unitId), `${v.salt}:${v.unitId}`).toBe(v.bucket);
  });

  describe.each(golden.evaluations)("$name", (group) => {
    const snapshot = snapshotSchema.parse(group.snapshot);
    const compiled = compileSnapshot(snapshot);

    it.each(group.cases.map((c, i) => ({ ...c, i })))("case $i: $flag", (c) => {
      const context = c.context as EvaluationContext;
      const expected = { key: c.flag, ...c.expected };
      expect(compiled.evaluate(c.flag, context)).toEqual(expected);
      expect(compiled.evaluateAll(context)[compiled.flagKeys.indexOf(c.flag)]).toEqual(expected);
    });
  });

  it("covers every operator and reason", () => {
    const operators = new Set<string>();
    const reasons = new Set<string>();
    for (const group of golden.evaluations) {
      for (const flag of group.snapshot.flags) for (const rule of flag.rules) for (const c of rule.conditions) operators.add(c.operator);
      for (const segment of group.snapshot.segments) for (const c of segment.conditions) operators.add(c.operator);
      for (const c of group.cases) reasons.add(c.expected.reason);
    }
    expect(operators.size).toBe(20);
    expect([...reasons].sort()).toEqual(["DEFAULT", "DISABLED", "SPLIT", "STATIC", "TARGETING_MATCH"]);
  });
});
