import { describe, expect, it } from "vitest";
import { adjustPValues, benjaminiHochberg, CORRECTION_METHODS, holm } from "./multiple-comparisons";

/*
 * Reference values, computed independently of this code:
 * - Benjamini–Hochberg: SciPy 1.17.1 scipy.stats.false_discovery_control(p, method="bh") (the same
 *   as R's p.adjust(p, "BH")).
 * - Holm: R's p.adjust algorithm, pmin(1, cummax((m − i + 1)·p₍ᵢ₎)), in numpy.
 * - The 15 p-values of Benjamini & Hochberg (1995, §4.1): at level 0.05 their procedure rejects
 *   4 hypotheses, Bonferroni-type (Holm) procedures reject 3, as the paper reports.
 */

const FOUR = [0.01, 0.04, 0.03, 0.005];
const BH1995 = [0.0001, 0.0004, 0.0019, 0.0095, 0.0201, 0.0278, 0.0298, 0.0344, 0.0459, 0.324, 0.4262, 0.5719, 0.6528, 0.759, 1];
const BH1995_BH = [
  0.0015, 0.003, 0.0095, 0.035625, 0.0603, 0.06385714285714286, 0.06385714285714286, 0.0645, 0.0765, 0.486, 0.5811818181818181, 0.7148749999999999,
  0.7532307692307693, 0.8132142857142857, 1,
];
const BH1995_HOLM = [0.0015, 0.0056, 0.0247, 0.114, 0.2211, 0.278, 0.278, 0.278, 0.3213, 1, 1, 1, 1, 1, 1];

function expectClose(actual: (number | null)[], expected: (number | null)[]) {
  expect(actual).toHaveLength(expected.length);
  actual.forEach((a, i) => {
    const e = expected[i];
    if (e === null || e === undefined) expect(a).toBeNull();
    else expect(a).toBeCloseTo(e, 14);
  });
}

describe("holm", () => {
  it("matches R's p.adjust(p, 'holm'), keeping the input order", () => {
    expectClose(holm(FOUR), [0.03, 0.06, 0.06, 0.02]);
    expectClose(holm(BH1995), BH1995_HOLM);
    expect(holm(BH1995).filter((p) => (p ?? 1) < 0.05)).toHaveLength(3);
  });
});

describe("benjaminiHochberg", () => {
  it("matches scipy.stats.false_discovery_control(method='bh')", () => {
    expectClose(benjaminiHochberg(FOUR), [0.02, 0.04, 0.04, 0.02]);
    expectClose(benjaminiHochberg(BH1995), BH1995_BH);
    expect(benjaminiHochberg(BH1995).filter((p) => (p ?? 1) < 0.05)).toHaveLength(4);
  });
});

describe("adjustPValues", () => {
  it("leaves nulls in place and out of the family (m counts the p-values only)", () => {
    expectClose(adjustPValues([0.01, null, 0.04, 0.03, null, 0.005], "holm"), [0.03, null, 0.06, 0.06, null, 0.02]);
    expectClose(adjustPValues([null, 0.01, 0.04, 0.03, 0.005], "benjamini-hochberg"), [null, 0.02, 0.04, 0.04, 0.02]);
  });

  it("passes raw p-values through with 'none', and handles empty and single families", () => {
    expect(adjustPValues(FOUR, "none")).toEqual(FOUR);
    expect(adjustPValues([], "holm")).toEqual([]);
    expect(adjustPValues([0.2], "holm")).toEqual([0.2]);
    expect(adjustPValues([0.2], "benjamini-hochberg")).toEqual([0.2]);
    expect(adjustPValues([null, null], "holm")).toEqual([null, null]);
  });

  it("names each method", () => {
    expect(CORRECTION_METHODS.holm).toMatch(/Holm/);
    expect(CORRECTION_METHODS["benjamini-hochberg"]).toMatch(/Benjamini–Hochberg/);
  });
});
