import { around, tCritical, tTwoSidedP, type Interval } from "./distributions";

/**
 * Welch's unequal-variance t-test (Welch 1947) for the difference of two means, from summary
 * statistics. Formulas and references: README.md beside this file.
 *
 *   d = m_t − m_c,  SE² = v_t/n_t + v_c/n_c,  t = d / SE,
 *   df = SE⁴ / ( (v_t/n_t)²/(n_t − 1) + (v_c/n_c)²/(n_c − 1) )   (Welch–Satterthwaite),
 *   CI = d ± t_{1−α/2, df}·SE,  p = 2·T_df(−|t|).
 *
 * Same results as scipy.stats.ttest_ind(treatment, control, equal_var=False) and R's
 * t.test(treatment, control) on the raw observations.
 */

export const WELCH_TEST = "welch-t";
export const WELCH_INTERVAL = "welch-t, Welch–Satterthwaite df";
export const SAMPLE_VARIANCE = "sample variance (n − 1)";

/** One arm of a mean metric: units n, the mean and the sample variance (n − 1 denominator). */
export type MeanSummary = { n: number; mean: number; variance: number };

export type WelchResult = {
  test: typeof WELCH_TEST;
  interval: typeof WELCH_INTERVAL;
  /** m_t − m_c */
  difference: number;
  /** √(v_t/n_t + v_c/n_c) */
  standardError: number;
  /** t = difference / standardError */
  statistic: number;
  /** Welch–Satterthwaite degrees of freedom */
  df: number;
  /** two-sided */
  pValue: number;
  /** (1 − α) confidence interval of the difference */
  ci: Interval;
};

/** Units, mean and sample variance of an arm from n, Σy and Σy²; null where undefined (n < 1, n < 2). */
export function meanFromSums(n: number, sum: number, sumSquares: number): { n: number; mean: number | null; variance: number | null } {
  if (n < 1) return { n, mean: null, variance: null };
  const mean = sum / n;
  if (n < 2) return { n, mean, variance: null };
  // Σ(y − ȳ)² = Σy² − ȳ·Σy; rounding can leave it a hair below 0 when every y is equal.
  const squares = sumSquares - mean * sum;
  return { n, mean, variance: Math.max(0, squares) / (n - 1) };
}

/**
 * Welch's t-test of treatment against control. Returns null when the test is undefined: fewer
 * than 2 units in an arm, or a standard error of 0 (no variation in either arm).
 */
export function welchTTest(control: MeanSummary, treatment: MeanSummary, alpha: number): WelchResult | null {
  if (control.n < 2 || treatment.n < 2) return null;
  const a = treatment.variance / treatment.n;
  const b = control.variance / control.n;
  const se2 = a + b;
  if (!(se2 > 0 && Number.isFinite(se2))) return null;
  const standardError = Math.sqrt(se2);
  const df = (se2 * se2) / ((a * a) / (treatment.n - 1) + (b * b) / (control.n - 1));
  const difference = treatment.mean - control.mean;
  const statistic = difference / standardError;
  return {
    test: WELCH_TEST,
    interval: WELCH_INTERVAL,
    difference,
    standardError,
    statistic,
    df,
    pValue: tTwoSidedP(statistic, df),
    ci: around(difference, tCritical(alpha, df) * standardError),
  };
}
