import { describe, expect, it } from "vitest";
import { meanFromSums, WELCH_INTERVAL, welchTTest, type MeanSummary } from "./welch";

/*
 * Reference values, computed independently of this code with SciPy 1.17.1 on the raw observations
 * (scipy.stats.ttest_ind(treatment, control, equal_var=False); .df; .confidence_interval(cl)):
 *
 * - R's `sleep` data set, the example of R's ?t.test: t.test(extra ~ group, data = sleep) prints
 *   t = -1.8608, df = 17.776, p-value = 0.07939, 95 % CI -3.3654832 0.2054832 (group 1 − group 2).
 *   SciPy: t = -1.8608134674868526, df = 17.776473516178488, p = 0.0793941401873583,
 *   CI [-3.3654832307117104, 0.20548323071171137].
 * - Small unequal arms: control [19.1, 21.3, 18.4, 20.0, 22.7, 17.9, 20.5], treatment
 *   [22.0, 24.1, 19.8, 23.5, 21.9, 25.2, 20.7, 23.3]: t = 2.865723190510275,
 *   df = 12.919554042532264, p = 0.013321512040309945, 95 % CI [0.6330066583839451, 4.52056477018748],
 *   99 % CI [-0.1345847643003677, 5.288156192871792].
 * - Very large n from summary statistics: scipy.stats.ttest_ind_from_stats(10.02, 5.1, 1e6, 10.0,
 *   5.0, 1e6, equal_var=False): t = 2.80028564370417, p = 0.005105789445824203; df by the
 *   Welch–Satterthwaite formula = 1999214.224951194 and CI with scipy.stats.t.ppf:
 *   [0.006001676825011853, 0.033998323174988146].
 */

const sleepGroup1: MeanSummary = { n: 10, mean: 0.75, variance: 3.2005555555555554 };
const sleepGroup2: MeanSummary = { n: 10, mean: 2.33, variance: 4.009 };

function fromSums(n: number, sum: number, sumSquares: number): MeanSummary {
  const s = meanFromSums(n, sum, sumSquares);
  if (s.mean === null || s.variance === null) throw new Error("expected a defined mean and variance");
  return { n, mean: s.mean, variance: s.variance };
}

describe("meanFromSums", () => {
  it("gives the mean and the sample variance (n − 1) from Σy and Σy²", () => {
    // sleep group 1: Σy = 7.5, Σy² = 34.43 → mean 0.75, var 3.2005555… (numpy.var(ddof=1))
    const s = meanFromSums(10, 7.5, 34.43);
    expect(s.mean).toBeCloseTo(0.75, 14);
    expect(s.variance).toBeCloseTo(3.2005555555555554, 12);
  });

  it("leaves the variance undefined (null) below 2 units and the mean below 1", () => {
    expect(meanFromSums(0, 0, 0)).toEqual({ n: 0, mean: null, variance: null });
    expect(meanFromSums(1, 4.2, 17.64)).toEqual({ n: 1, mean: 4.2, variance: null });
  });

  it("never returns a negative variance when every value is equal (rounding)", () => {
    // three values of 0.1: Σy = 0.30000000000000004, Σy² = 0.030000000000000006 in doubles
    const s = meanFromSums(3, 0.1 + 0.1 + 0.1, 0.01 + 0.01 + 0.01);
    expect(s.variance).not.toBeNull();
    expect(s.variance as number).toBeGreaterThanOrEqual(0);
    expect(s.variance as number).toBeLessThan(1e-15);
  });
});

describe("welchTTest", () => {
  it("reproduces R's t.test on the sleep data (Welch, the ?t.test example)", () => {
    const r = welchTTest(sleepGroup2, sleepGroup1, 0.05);
    expect(r).not.toBeNull();
    if (!r) return;
    expect(r.test).toBe("welch-t");
    expect(r.interval).toBe(WELCH_INTERVAL);
    expect(r.difference).toBeCloseTo(-1.58, 12);
    expect(r.statistic).toBeCloseTo(-1.8608134674868526, 10);
    expect(r.df).toBeCloseTo(17.776473516178488, 9);
    expect(r.pValue).toBeCloseTo(0.0793941401873583, 11);
    expect(r.ci.lower).toBeCloseTo(-3.3654832307117104, 10);
    expect(r.ci.upper).toBeCloseTo(0.20548323071171137, 10);
  });

  it("matches scipy.stats.ttest_ind(equal_var=False) for small unequal arms, from Σy and Σy²", () => {
    const control = fromSums(7, 139.9, 2813.01);
    const treatment = fromSums(8, 180.5, 4095.13);
    const r = welchTTest(control, treatment, 0.05);
    expect(r?.statistic).toBeCloseTo(2.865723190510275, 9);
    expect(r?.df).toBeCloseTo(12.919554042532264, 8);
    expect(r?.pValue).toBeCloseTo(0.013321512040309945, 10);
    expect(r?.ci.lower).toBeCloseTo(0.6330066583839451, 9);
    expect(r?.ci.upper).toBeCloseTo(4.52056477018748, 9);
    const r99 = welchTTest(control, treatment, 0.01);
    expect(r99?.ci.lower).toBeCloseTo(-0.1345847643003677, 9);
    expect(r99?.ci.upper).toBeCloseTo(5.288156192871792, 9);
    expect(r99?.pValue).toBe(r?.pValue);
  });

  it("matches scipy.stats.ttest_ind_from_stats for a million units per arm", () => {
    const n = 1_000_000;
    // Σy = n·mean, Σy² = (n − 1)·sd² + n·mean²
    const control = fromSums(n, n * 10, (n - 1) * 25 + n * 100);
    const treatment = fromSums(n, n * 10.02, (n - 1) * 5.1 * 5.1 + n * 10.02 * 10.02);
    const r = welchTTest(control, treatment, 0.05);
    expect(r?.statistic).toBeCloseTo(2.80028564370417, 5);
    expect(r?.pValue).toBeCloseTo(0.005105789445824203, 7);
    expect(r?.df).toBeCloseTo(1999214.224951194, -1);
    expect(r?.ci.lower).toBeCloseTo(0.006001676825011853, 7);
    expect(r?.ci.upper).toBeCloseTo(0.033998323174988146, 7);
  });

  it("gives p = 1 and a symmetric interval for equal means", () => {
    const r = welchTTest({ n: 50, mean: 3, variance: 2 }, { n: 80, mean: 3, variance: 5 }, 0.05);
    expect(r?.statistic).toBe(0);
    expect(r?.pValue).toBe(1);
    expect((r?.ci.lower ?? 0) + (r?.ci.upper ?? 0)).toBeCloseTo(0, 15);
  });

  it("uses df = n − 1 of the varying arm when the other arm has no variance (Welch–Satterthwaite limit)", () => {
    const r = welchTTest({ n: 20, mean: 1, variance: 0 }, { n: 12, mean: 2, variance: 4 }, 0.05);
    expect(r?.df).toBeCloseTo(11, 12);
  });

  it("is undefined (null) with fewer than 2 units in an arm or no variance at all", () => {
    expect(welchTTest({ n: 1, mean: 1, variance: 0 }, { n: 10, mean: 2, variance: 1 }, 0.05)).toBeNull();
    expect(welchTTest({ n: 10, mean: 1, variance: 0 }, { n: 10, mean: 2, variance: 0 }, 0.05)).toBeNull();
  });
});
