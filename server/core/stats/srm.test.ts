import { describe, expect, it } from "vitest";
import { AppError } from "../errors";
import { sampleRatioMismatch, SRM_THRESHOLD } from "./srm";

/*
 * Reference values: SciPy 1.17.1 scipy.stats.chisquare(observed, f_exp = w/Σw·N), computed
 * independently of this code (the same statistic as R's chisq.test(x, p = w/Σw)):
 *
 *   observed                  weights        χ²                    p
 *   5000, 5000                1:1            0                     1
 *   5000, 4700                1:1            9.278350515463918     0.002318781454334581
 *   5000, 4600                1:1            16.666666666666668    4.455709060405612e-05
 *   821, 779                  1:1            1.1025                0.2937181127517889
 *   5000, 2500, 2600          2:1:1          2.9702970297029703    0.22646870421280124
 *   5100, 2400, 2500          50:25:25       6.0                   0.04978706836786395
 *   10,000,000, 10,010,000    1:1            4.997501249375312     0.02538394028317389
 *   10,000,000, 10,020,000    1:1            19.98001998001998     7.825560513110483e-06
 */

describe("sampleRatioMismatch (chi-square goodness of fit)", () => {
  it("finds no mismatch for a perfect split", () => {
    const r = sampleRatioMismatch([5000, 5000]);
    expect(r).toMatchObject({ test: "chi-square goodness of fit", srm: false, statistic: 0, pValue: 1, df: 1, threshold: 0.001 });
    expect(r.weights).toEqual([0.5, 0.5]);
    expect(r.expected).toEqual([5000, 5000]);
  });

  it("flags a mismatch only below p = 0.001", () => {
    const mild = sampleRatioMismatch([5000, 4700]);
    expect(mild.statistic).toBeCloseTo(9.278350515463918, 12);
    expect(mild.pValue).toBeCloseTo(0.002318781454334581, 14);
    expect(mild.srm).toBe(false);
    const broken = sampleRatioMismatch([5000, 4600]);
    expect(broken.statistic).toBeCloseTo(16.666666666666668, 12);
    expect(broken.pValue).toBeCloseTo(4.455709060405612e-5, 15);
    expect(broken.srm).toBe(true);
    expect(SRM_THRESHOLD).toBe(0.001);
    expect(sampleRatioMismatch([821, 779]).pValue).toBeCloseTo(0.2937181127517889, 13);
  });

  it("uses planned weights of any scale, with more than two arms", () => {
    const r = sampleRatioMismatch([5000, 2500, 2600], [2, 1, 1]);
    expect(r.df).toBe(2);
    expect(r.expected).toEqual([5050, 2525, 2525]);
    expect(r.statistic).toBeCloseTo(2.9702970297029703, 12);
    expect(r.pValue).toBeCloseTo(0.22646870421280124, 13);
    const pct = sampleRatioMismatch([5100, 2400, 2500], [50, 25, 25]);
    expect(pct.statistic).toBeCloseTo(6, 12);
    expect(pct.pValue).toBeCloseTo(0.04978706836786395, 13);
    expect(pct.srm).toBe(false);
  });

  it("detects a 0.1 % imbalance with tens of millions of units", () => {
    const ok = sampleRatioMismatch([10_000_000, 10_010_000]);
    expect(ok.statistic).toBeCloseTo(4.997501249375312, 9);
    expect(ok.pValue).toBeCloseTo(0.02538394028317389, 11);
    expect(ok.srm).toBe(false);
    const bad = sampleRatioMismatch([10_000_000, 10_020_000]);
    expect(bad.statistic).toBeCloseTo(19.98001998001998, 9);
    expect(bad.pValue).toBeCloseTo(7.825560513110483e-6, 13);
    expect(bad.srm).toBe(true);
  });

  it("gives p = 1 before any unit arrives, and flags all units in one arm", () => {
    expect(sampleRatioMismatch([0, 0])).toMatchObject({ pValue: 1, statistic: 0, srm: false });
    expect(sampleRatioMismatch([1000, 0]).srm).toBe(true);
  });

  it("rejects bad units and weights with a field error", () => {
    const fieldOf = (fn: () => unknown) => {
      try {
        fn();
      } catch (error) {
        expect(error).toBeInstanceOf(AppError);
        return Object.keys((error as AppError).fieldErrors);
      }
      throw new Error("expected a BAD_INPUT error");
    };
    expect(fieldOf(() => sampleRatioMismatch([10]))).toEqual(["units"]);
    expect(fieldOf(() => sampleRatioMismatch([10, 2.5]))).toEqual(["units"]);
    expect(fieldOf(() => sampleRatioMismatch([10, 10], [1]))).toEqual(["weights"]);
    expect(fieldOf(() => sampleRatioMismatch([10, 10], [1, 0]))).toEqual(["weights"]);
  });
});
