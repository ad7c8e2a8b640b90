import { describe, expect, it } from "vitest";
import { zCritical } from "./distributions";
import {
  alwaysValidPValue,
  confidenceSequenceHalfWidth,
  DEFAULT_SEQUENTIAL_TUNING,
  differenceConfidenceSequence,
  SEQUENTIAL_METHOD,
  sequentialRho,
} from "./sequential";

/*
 * Reference values: the formulas of Waudby-Smith et al. (2023) as written in README.md, evaluated
 * independently of this code in Python with mpmath at 30 digits (no gbstats install was
 * available). ρ = √((−2 ln α + ln(−2 ln α + 1))/N*); half-width = σ·√(2(nρ² + 1)/(n²ρ²)·ln(√(nρ² + 1)/α));
 * always-valid p = min(1, √(nρ² + 1)·exp(−ρ²S²/(2(nρ² + 1)))), S² = n²d²/σ².
 *
 * - ρ(α = 0.05, N* = 5000) = 0.039840066771373678; ρ(0.01, 20000) = 0.024014309630629843.
 * - σ² = 1, α = 0.05, N* = 5000: half-width 0.66943886170660401 (n = 100), 0.10637547006557504
 *   (n = 1000), 0.042924337188268458 (n = 5000), 0.010552070034257915 (n = 100000). A numerical
 *   minimisation over ρ at n = 5000 (scipy.optimize.minimize_scalar) gives 0.04292311279967531, so
 *   the closed-form ρ is within 3·10⁻⁵ of the narrowest sequence at n = N*.
 * - Difference of proportions, σ² = (n_c + n_t)·(p_c q_c/n_c + p_t q_t/n_t), α = 0.05:
 *     200/2000 vs 250/2000, N* 5000: half-width 0.030356194113322233, p 0.18069333777375335
 *     200/2000 vs 250/2000, N* 4000: half-width 0.030304627654391569, p 0.18471442089169568
 *     1000/10000 vs 1150/10000, N* 5000: half-width 0.013694296589983163, p 0.019395219955838708
 *     1000/10000 vs 1250/10000, N* 5000: half-width 0.013963011124891405, p 1.439897862309973e-6
 * - Difference of means, n 5000 per arm, sd 5 in both, d = 0.5: half-width 0.30614772188674169,
 *   p 3.2111246171002884e-5.
 */

const ALPHA = 0.05;

function proportionComparison(xc: number, nc: number, xt: number, nt: number) {
  const pc = xc / nc;
  const pt = xt / nt;
  return { estimate: pt - pc, standardError: Math.sqrt((pc * (1 - pc)) / nc + (pt * (1 - pt)) / nt), nControl: nc, nTreatment: nt };
}

describe("sequentialRho", () => {
  it("derives ρ from α and the tuning parameter N*", () => {
    expect(DEFAULT_SEQUENTIAL_TUNING).toBe(5000);
    expect(sequentialRho(0.05, 5000)).toBeCloseTo(0.039840066771373678, 15);
    expect(sequentialRho(0.01, 20000)).toBeCloseTo(0.024014309630629843, 15);
  });

  it("makes the sequence (nearly) narrowest at n = N*", () => {
    const rho = sequentialRho(ALPHA, 5000);
    const at = (r: number) => confidenceSequenceHalfWidth(1, 5000, ALPHA, r);
    expect(at(rho)).toBeCloseTo(0.042924337188268458, 15);
    expect(at(rho) / 0.04292311279967531 - 1).toBeLessThan(3e-5);
    expect(at(rho * 0.95)).toBeGreaterThan(at(rho));
    expect(at(rho * 1.05)).toBeGreaterThan(at(rho));
  });
});

describe("confidenceSequenceHalfWidth", () => {
  it("matches the closed form for a unit-variance mean", () => {
    const rho = sequentialRho(ALPHA, 5000);
    expect(confidenceSequenceHalfWidth(1, 100, ALPHA, rho)).toBeCloseTo(0.66943886170660401, 14);
    expect(confidenceSequenceHalfWidth(1, 1000, ALPHA, rho)).toBeCloseTo(0.10637547006557504, 15);
    expect(confidenceSequenceHalfWidth(1, 100_000, ALPHA, rho)).toBeCloseTo(0.010552070034257915, 15);
    expect(confidenceSequenceHalfWidth(4, 1000, ALPHA, rho)).toBeCloseTo(2 * 0.10637547006557504, 15);
  });

  it("is always wider than the fixed-horizon normal interval", () => {
    const rho = sequentialRho(ALPHA, 5000);
    for (const n of [10, 100, 1000, 5000, 50_000, 10_000_000]) {
      expect(confidenceSequenceHalfWidth(1, n, ALPHA, rho)).toBeGreaterThan(zCritical(ALPHA) / Math.sqrt(n));
    }
  });
});

describe("differenceConfidenceSequence", () => {
  it("gives the always-valid interval and p-value of a difference of proportions", () => {
    const cs = differenceConfidenceSequence(proportionComparison(200, 2000, 250, 2000), ALPHA, 5000);
    expect(cs?.method).toBe(SEQUENTIAL_METHOD);
    expect(cs?.n).toBe(4000);
    expect(cs?.tuningParameter).toBe(5000);
    expect(cs?.halfWidth).toBeCloseTo(0.030356194113322233, 15);
    expect(cs?.ci.lower).toBeCloseTo(0.025 - 0.030356194113322233, 15);
    expect(cs?.pValue).toBeCloseTo(0.18069333777375335, 14);
    expect(cs?.excludesZero).toBe(false);
    // the fixed-horizon z-test of the same data has p = 0.0124 (proportions.test.ts): peeking costs width
    const other = differenceConfidenceSequence(proportionComparison(200, 2000, 250, 2000), ALPHA, 4000);
    expect(other?.halfWidth).toBeCloseTo(0.030304627654391569, 15);
    expect(other?.pValue).toBeCloseTo(0.18471442089169568, 14);
  });

  it("excludes 0 once the evidence is strong enough", () => {
    const weak = differenceConfidenceSequence(proportionComparison(1000, 10_000, 1150, 10_000), ALPHA);
    expect(weak?.halfWidth).toBeCloseTo(0.013694296589983163, 15);
    expect(weak?.pValue).toBeCloseTo(0.019395219955838708, 13);
    expect(weak?.excludesZero).toBe(true);
    const strong = differenceConfidenceSequence(proportionComparison(1000, 10_000, 1250, 10_000), ALPHA);
    expect(strong?.halfWidth).toBeCloseTo(0.013963011124891405, 15);
    expect(strong?.pValue).toBeCloseTo(1.439897862309973e-6, 18);
    expect(strong?.ci.lower).toBeCloseTo(0.011036988875108595, 14);
  });

  it("applies to a difference of means with SE² = v_t/n_t + v_c/n_c", () => {
    const cs = differenceConfidenceSequence({ estimate: 0.5, standardError: Math.sqrt(25 / 5000 + 25 / 5000), nControl: 5000, nTreatment: 5000 }, ALPHA);
    expect(cs?.halfWidth).toBeCloseTo(0.30614772188674169, 14);
    expect(cs?.pValue).toBeCloseTo(3.2111246171002884e-5, 17);
    expect(cs?.ci.lower).toBeCloseTo(0.19385227811325831, 14);
  });

  it("has p < α exactly when the sequence excludes 0", () => {
    for (let xt = 1000; xt <= 1300; xt += 5) {
      const cs = differenceConfidenceSequence(proportionComparison(1000, 10_000, xt, 10_000), ALPHA);
      expect(cs?.pValue !== undefined && cs.pValue < ALPHA).toBe(cs?.excludesZero);
    }
  });

  it("gives p = 1 when there is no difference, and never overflows for huge effects", () => {
    expect(alwaysValidPValue(0, 1, 1000, sequentialRho(ALPHA, 5000))).toBe(1);
    expect(alwaysValidPValue(1e6, 1, 1e9, sequentialRho(ALPHA, 5000))).toBe(0);
  });

  it("is undefined (null) without variance or units", () => {
    expect(differenceConfidenceSequence({ estimate: 0, standardError: 0, nControl: 10, nTreatment: 10 }, ALPHA)).toBeNull();
    expect(differenceConfidenceSequence({ estimate: 0, standardError: 1, nControl: 0, nTreatment: 10 }, ALPHA)).toBeNull();
  });
});
