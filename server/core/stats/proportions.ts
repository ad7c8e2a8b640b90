import { around, normalTwoSidedP, zCritical, type Interval } from "./distributions";

/**
 * Two-proportion z-test from conversion counts. Formulas and references: README.md.
 *
 *   p_c = x_c/n_c, p_t = x_t/n_t, d = p_t − p_c
 *   Test (pooled variance under H0: p_t = p_c):
 *     p̄ = (x_c + x_t)/(n_c + n_t),  z = d / √(p̄(1 − p̄)(1/n_c + 1/n_t)),  p = 2·Φ(−|z|)
 *     — z² is the Pearson χ² of R's prop.test(correct = FALSE), so the p-values agree.
 *   Interval (unpooled variance, Wald): d ± z_{1−α/2}·√(p_c(1 − p_c)/n_c + p_t(1 − p_t)/n_t)
 *     — the interval R's prop.test(correct = FALSE) prints.
 */

export const PROPORTION_TEST = "two-proportion-z";
export const PROPORTION_TEST_VARIANCE = "pooled p̄(1 − p̄)(1/n_c + 1/n_t) under H0";
export const PROPORTION_INTERVAL = "wald, unpooled normal";
export const BERNOULLI_VARIANCE = "p(1 − p), n in the denominator (as R prop.test)";

/** One arm of a conversion metric: units n and converted units x (0 ≤ x ≤ n). */
export type ProportionCounts = { n: number; x: number };

export type TwoProportionResult = {
  test: typeof PROPORTION_TEST;
  testVariance: typeof PROPORTION_TEST_VARIANCE;
  interval: typeof PROPORTION_INTERVAL;
  /** p_t − p_c */
  difference: number;
  /** pooled standard error under H0, used by the test */
  pooledStandardError: number;
  /** unpooled standard error, used by the interval */
  standardError: number;
  /** z = difference / pooledStandardError */
  statistic: number;
  /** two-sided */
  pValue: number;
  /** (1 − α) Wald interval of the difference, unpooled */
  ci: Interval;
};

/** Conversion rate x/n and its Bernoulli variance p(1 − p); null for an empty arm. */
export function proportionSummary(counts: ProportionCounts): { n: number; mean: number | null; variance: number | null } {
  if (counts.n < 1) return { n: counts.n, mean: null, variance: null };
  const p = counts.x / counts.n;
  return { n: counts.n, mean: p, variance: p * (1 - p) };
}

/**
 * The two-proportion z-test of treatment against control. Returns null when it is undefined: an
 * empty arm, or a pooled rate of 0 or 1 (no arm has a conversion, or every unit converted).
 */
export function twoProportionZTest(control: ProportionCounts, treatment: ProportionCounts, alpha: number): TwoProportionResult | null {
  if (control.n < 1 || treatment.n < 1) return null;
  const pc = control.x / control.n;
  const pt = treatment.x / treatment.n;
  const pooled = (control.x + treatment.x) / (control.n + treatment.n);
  const pooledVariance = pooled * (1 - pooled) * (1 / control.n + 1 / treatment.n);
  if (!(pooledVariance > 0)) return null;
  const pooledStandardError = Math.sqrt(pooledVariance);
  const standardError = Math.sqrt((pc * (1 - pc)) / control.n + (pt * (1 - pt)) / treatment.n);
  const difference = pt - pc;
  const statistic = difference / pooledStandardError;
  return {
    test: PROPORTION_TEST,
    testVariance: PROPORTION_TEST_VARIANCE,
    interval: PROPORTION_INTERVAL,
    difference,
    pooledStandardError,
    standardError,
    statistic,
    pValue: normalTwoSidedP(statistic),
    ci: around(difference, zCritical(alpha) * standardError),
  };
}
