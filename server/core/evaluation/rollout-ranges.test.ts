import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { bucketOf } from "./hash";
import { compileRollout, coverageBasisPoints, locateBucket, validateRollout } from "./rollout-ranges";
import type { Rollout } from "./snapshot-format";

const rollout = (percentage: number, weights: number[]): Rollout => ({
  percentage,
  weights: weights.map((weight, i) => ({ variation: `v${i}`, weight })),
});
const variationOf = (r: Rollout, salt: string, id: string): string | null => {
  const ranges = compileRollout(r);
  const i = locateBucket(ranges, bucketOf(salt, id));
  return i < 0 ? null : ranges.variations[i]!;
};

const weightsArb = fc.array(fc.integer({ min: 0, max: 1_000 }), { minLength: 1, maxLength: 6 });
const percentageArb = fc.integer({ min: 0, max: 10_000 }).map((bp) => bp / 100);

describe("compileRollout", () => {
  it("follows the integer formulas (worked example of the README)", () => {
    // weights 1:1:1 → lengths 3333, 3333, 3334; at 30 % each covers floor(len × 3000 / 10000)
    const r = compileRollout(rollout(30, [1, 1, 1]));
    expect(r.coverage).toBe(3000);
    expect([...r.starts]).toEqual([0, 3333, 6666]);
    expect([...r.fullEnds]).toEqual([3333, 6666, 10000]);
    expect([...r.coveredEnds]).toEqual([999, 3333 + 999, 6666 + 1000]);
    expect(locateBucket(r, 0)).toBe(0);
    expect(locateBucket(r, 998)).toBe(0);
    expect(locateBucket(r, 999)).toBe(-1);
    expect(locateBucket(r, 3333)).toBe(1);
    expect(locateBucket(r, 7665)).toBe(2);
    expect(locateBucket(r, 7666)).toBe(-1);
    expect(locateBucket(r, 9999)).toBe(-1);
    expect(r.constant).toBeNull();
  });

  it("gives the remainder to the last variation with weight, never to a weight-0 one", () => {
    const r = compileRollout(rollout(100, [1, 2, 0]));
    expect([...r.fullEnds]).toEqual([3333, 10000, 10000]);
    expect(locateBucket(r, 9999)).toBe(1);
  });

  it("covers nobody when the weights add up to 0 or coverage is 0", () => {
    expect(compileRollout(rollout(100, [0, 0])).constant).toBe(-1);
    expect(compileRollout(rollout(0, [50, 50])).constant).toBe(-1);
    expect(compileRollout(rollout(0.004, [50, 50])).constant).toBe(-1); // rounds to 0 bp
    for (const b of [0, 5000, 9999]) expect(locateBucket(compileRollout(rollout(100, [0, 0])), b)).toBe(-1);
  });

  it("needs no hash when everyone gets one variation", () => {
    expect(compileRollout(rollout(100, [0, 7, 0])).constant).toBe(1);
    expect(compileRollout(rollout(100, [1, 1])).constant).toBeNull();
    expect(compileRollout(rollout(99.99, [0, 7])).constant).toBeNull();
  });

  it("rounds coverage to basis points", () => {
    expect(coverageBasisPoints(12.34)).toBe(1234);
    expect(coverageBasisPoints(0.005)).toBe(1);
    expect(coverageBasisPoints(100)).toBe(10000);
  });

  it("validates percentages and weights", () => {
    expect(validateRollout(rollout(101, [1]))?.field).toBe("percentage");
    expect(validateRollout(rollout(Number.NaN, [1]))?.field).toBe("percentage");
    expect(validateRollout(rollout(50, [1, -1]))?.field).toBe("weights.1.weight");
    expect(validateRollout(rollout(50, [1.5]))?.field).toBe("weights.0.weight");
    expect(validateRollout(rollout(50, [600_000_000, 600_000_000]))?.field).toBe("weights");
    expect(validateRollout(rollout(50, [1, 0]))).toBeNull();
  });
});

describe("rollout properties", () => {
  it("ranges partition the buckets and covered parts stay inside them", () => {
    fc.assert(
      fc.property(weightsArb, percentageArb, (weights, pct) => {
        const r = compileRollout(rollout(pct, weights));
        const total = weights.reduce((a, b) => a + b, 0);
        const last = r.fullEnds[r.fullEnds.length - 1]!;
        if (total === 0) return last === 0;
        for (let i = 0; i < weights.length; i++) {
          if (r.starts[i]! > r.coveredEnds[i]! || r.coveredEnds[i]! > r.fullEnds[i]!) return false;
          if (weights[i] === 0 && r.fullEnds[i] !== r.starts[i]) return false;
        }
        return last === 10_000;
      }),
    );
  });

  it("raising coverage never moves a unit that was covered", () => {
    fc.assert(
      fc.property(
        weightsArb,
        percentageArb,
        percentageArb,
        fc.string(),
        fc.array(fc.string(), { minLength: 1, maxLength: 50 }),
        (weights, a, b, salt, ids) => {
          const [low, high] = a <= b ? [a, b] : [b, a];
          for (const id of ids) {
            const before = variationOf(rollout(low, weights), salt, id);
            if (before !== null && variationOf(rollout(high, weights), salt, id) !== before) return false;
          }
          return true;
        },
      ),
      { numRuns: 500 },
    );
  });

  it("covers everyone at 100 % (when some weight is > 0)", () => {
    fc.assert(
      fc.property(weightsArb.filter((w) => w.some((x) => x > 0)), fc.string(), fc.array(fc.string(), { maxLength: 50 }), (weights, salt, ids) =>
        ids.every((id) => variationOf(rollout(100, weights), salt, id) !== null),
      ),
      { numRuns: 500 },
    );
  });

  it("covers a share of units close to the percentage, split by weight", () => {
    // 100,000 units: a covered share p has sd sqrt(p(1−p)/n) ≤ 0.0016; ±1 % is > 6 sd. Coverage
    // additionally loses < 1 bucket per variation to floor(), i.e. < 0.01 % each.
    const n = 100_000;
    for (const [pct, weights] of [
      [5, [1, 1]],
      [37.5, [50, 30, 20]],
      [80, [1, 0, 3]],
    ] as [number, number[]][]) {
      const r = compileRollout(rollout(pct, weights));
      const counts = new Array<number>(weights.length).fill(0);
      let covered = 0;
      for (let i = 0; i < n; i++) {
        const v = locateBucket(r, bucketOf("share-test", `user-${i}`));
        if (v >= 0) {
          covered++;
          counts[v]!++;
        }
      }
      expect(Math.abs(covered / n - pct / 100)).toBeLessThan(0.01);
      const total = weights.reduce((a, b) => a + b, 0);
      weights.forEach((w, i) => expect(Math.abs(counts[i]! / n - ((pct / 100) * w) / total)).toBeLessThan(0.01));
    }
  });
});
