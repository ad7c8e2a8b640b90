import { describe, expect, it } from "vitest";
import { relativeLift, relativeLiftVariance } from "./delta-method";

/*
 * Reference values: the delta-method closed form Var(r) ≈ v_t/(n_t·m_c²) + m_t²·v_c/(n_c·m_c⁴)
 * and r ± z_{0.975}·√Var(r), evaluated independently of this code with mpmath at 30 digits
 * (z_{0.975} = √2·erfinv(0.95)):
 * - proportions 200/2000 → 250/2000 (Bernoulli variances 0.09 and 0.109375): r = 0.25,
 *   se = 0.11180339887498947 (= √0.0125), CI [0.030869364855854587, 0.46913063514414527];
 * - the small Welch sample of welch.test.ts (n 7 and 8; means 19.985714285714288 and 22.5625;
 *   sample variances 2.834761904761906 and 3.2283928571428575, numpy ddof=1): r = 0.1289313795568262,
 *   se = 0.047984055645996438, CI [0.034884358658507354, 0.22297840045514505].
 */

describe("relativeLift (delta method, normal)", () => {
  it("matches the closed form for a conversion metric", () => {
    const control = { n: 2000, mean: 0.1, variance: 0.09 };
    const treatment = { n: 2000, mean: 0.125, variance: 0.109375 };
    expect(relativeLiftVariance(control, treatment)).toBeCloseTo(0.0125, 15);
    const r = relativeLift(control, treatment, 0.05);
    expect(r?.interval).toBe("delta-method, normal");
    expect(r?.estimate).toBeCloseTo(0.25, 14);
    expect(r?.standardError).toBeCloseTo(0.11180339887498947, 14);
    expect(r?.ci.lower).toBeCloseTo(0.030869364855854587, 14);
    expect(r?.ci.upper).toBeCloseTo(0.46913063514414527, 14);
  });

  it("matches the closed form for a mean metric", () => {
    const r = relativeLift(
      { n: 7, mean: 19.985714285714288, variance: 2.834761904761906 },
      { n: 8, mean: 22.5625, variance: 3.2283928571428575 },
      0.05,
    );
    expect(r?.estimate).toBeCloseTo(0.1289313795568262, 14);
    expect(r?.standardError).toBeCloseTo(0.047984055645996438, 14);
    expect(r?.ci.lower).toBeCloseTo(0.034884358658507354, 14);
    expect(r?.ci.upper).toBeCloseTo(0.22297840045514505, 14);
  });

  it("is undefined (null) when the control mean is 0", () => {
    expect(relativeLift({ n: 50, mean: 0, variance: 0 }, { n: 50, mean: 0.1, variance: 0.09 }, 0.05)).toBeNull();
  });

  it("keeps the sign of the absolute difference when the control mean is negative", () => {
    const r = relativeLift({ n: 100, mean: -4, variance: 1 }, { n: 100, mean: -3, variance: 1 }, 0.05);
    expect(r?.estimate).toBeCloseTo(0.25, 15);
  });
});
