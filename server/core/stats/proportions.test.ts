import { describe, expect, it } from "vitest";
import { PROPORTION_INTERVAL, PROPORTION_TEST_VARIANCE, proportionSummary, twoProportionZTest } from "./proportions";

/*
 * Reference values. R was not available; R's prop.test(x, n, correct = FALSE) computes Pearson's
 * χ² of the 2×2 table (which equals the pooled z², so its p-value is the pooled z-test's) and the
 * unpooled Wald interval. They were computed independently of this code:
 * - χ² and p with SciPy 1.17.1 scipy.stats.chi2_contingency(table, correction=False);
 * - z (pooled), the two-sided p 2·Φ(−|z|) = erfc(|z|/√2) and the interval
 *   d ± z_{0.975}·√(p_c q_c/n_c + p_t q_t/n_t) with mpmath at 30 digits.
 *
 *   control     treatment          χ² (scipy)          p                       z (pooled)            95 % CI (unpooled Wald)
 *   200/2000    250/2000           6.259780907668231   0.012350947711191402    2.5019554168026719    [0.0054310085546560286, 0.044568991445343971]
 *   0/50        5/50               5.2631578947368425  0.021781462791119595    2.2941573387056177    [0.016845770539019339, 0.18315422946098066]
 *   30/1000     21/1000            1.6297950683608486  0.20173139581812486     -1.2766342735336729   [-0.022811698070000282, 0.0048116980700002824]
 *   100/1000    100/1000           0                   1                       0                     symmetric around 0
 *   1e8/1e9     100030000/1e9      4.999333434707039   0.025357082466905324    2.2359189240012795    [3.7025708617871522e-6, 5.6297429138212848e-5]
 */

describe("twoProportionZTest (as R prop.test, correct = FALSE)", () => {
  it("tests with the pooled variance and builds the interval with the unpooled one", () => {
    const r = twoProportionZTest({ n: 2000, x: 200 }, { n: 2000, x: 250 }, 0.05);
    expect(r).not.toBeNull();
    if (!r) return;
    expect(r.test).toBe("two-proportion-z");
    expect(r.testVariance).toBe(PROPORTION_TEST_VARIANCE);
    expect(r.interval).toBe(PROPORTION_INTERVAL);
    expect(r.difference).toBeCloseTo(0.025, 15);
    expect(r.statistic).toBeCloseTo(2.5019554168026719, 12);
    expect(r.statistic ** 2).toBeCloseTo(6.259780907668231, 11);
    expect(r.pValue).toBeCloseTo(0.012350947711191402, 14);
    expect(r.standardError).toBeCloseTo(0.0099843627738579291, 15);
    expect(r.ci.lower).toBeCloseTo(0.0054310085546560286, 14);
    expect(r.ci.upper).toBeCloseTo(0.044568991445343971, 14);
  });

  it("handles zero conversions in one arm (the unpooled variance of that arm is 0)", () => {
    const r = twoProportionZTest({ n: 50, x: 0 }, { n: 50, x: 5 }, 0.05);
    expect(r?.statistic).toBeCloseTo(2.2941573387056177, 12);
    expect(r?.pValue).toBeCloseTo(0.021781462791119595, 14);
    expect(r?.ci.lower).toBeCloseTo(0.016845770539019339, 14);
    expect(r?.ci.upper).toBeCloseTo(0.18315422946098066, 14);
  });

  it("gives a negative z and a two-sided p for a drop", () => {
    const r = twoProportionZTest({ n: 1000, x: 30 }, { n: 1000, x: 21 }, 0.05);
    expect(r?.statistic).toBeCloseTo(-1.2766342735336729, 12);
    expect(r?.pValue).toBeCloseTo(0.20173139581812486, 13);
    expect(r?.ci.lower).toBeCloseTo(-0.022811698070000282, 14);
    expect(r?.ci.upper).toBeCloseTo(0.0048116980700002824, 14);
  });

  it("gives z = 0 and p = 1 for equal rates", () => {
    const r = twoProportionZTest({ n: 1000, x: 100 }, { n: 1000, x: 100 }, 0.05);
    expect(r?.statistic).toBe(0);
    expect(r?.pValue).toBe(1);
    expect((r?.ci.lower ?? 1) + (r?.ci.upper ?? 1)).toBeCloseTo(0, 15);
  });

  it("stays accurate with a billion units per arm", () => {
    const r = twoProportionZTest({ n: 1e9, x: 100_000_000 }, { n: 1e9, x: 100_030_000 }, 0.05);
    expect(r?.difference).toBeCloseTo(3e-5, 15);
    expect(r?.statistic).toBeCloseTo(2.2359189240012795, 8);
    expect(r?.pValue).toBeCloseTo(0.025357082466905324, 9);
    expect(r?.ci.lower).toBeCloseTo(3.7025708617871522e-6, 13);
    expect(r?.ci.upper).toBeCloseTo(5.6297429138212848e-5, 13);
  });

  it("is undefined (null) when no arm converted, every unit converted, or an arm is empty", () => {
    expect(twoProportionZTest({ n: 100, x: 0 }, { n: 100, x: 0 }, 0.05)).toBeNull();
    expect(twoProportionZTest({ n: 100, x: 100 }, { n: 80, x: 80 }, 0.05)).toBeNull();
    expect(twoProportionZTest({ n: 0, x: 0 }, { n: 100, x: 3 }, 0.05)).toBeNull();
  });
});

describe("proportionSummary", () => {
  it("gives the rate and its Bernoulli variance p(1 − p)", () => {
    expect(proportionSummary({ n: 2000, x: 250 })).toEqual({ n: 2000, mean: 0.125, variance: 0.125 * 0.875 });
    expect(proportionSummary({ n: 0, x: 0 })).toEqual({ n: 0, mean: null, variance: null });
  });
});
