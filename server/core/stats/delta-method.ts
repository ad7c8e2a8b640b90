import { around, zCritical, type Interval } from "./distributions";

/**
 * Relative lift r = (m_t − m_c)/|m_c| with a delta-method normal interval. Formulas: README.md.
 *
 *   Var(r) ≈ v_t/(n_t·m_c²) + m_t²·v_c/(n_c·m_c⁴)   (independent arms, first-order Taylor of m_t/m_c)
 *   CI = r ± z_{1−α/2}·√Var(r)
 *
 * Dividing by |m_c| keeps the sign of the absolute difference when the control mean is negative;
 * the variance is the same either way.
 */

export const RELATIVE_INTERVAL = "delta-method, normal";

/** One arm: units n, mean and per-unit variance (the variance the metric's test uses). */
export type ArmMoments = { n: number; mean: number; variance: number };

export type RelativeLift = {
  interval: typeof RELATIVE_INTERVAL;
  /** (m_t − m_c)/|m_c| */
  estimate: number;
  /** √Var(r) by the delta method */
  standardError: number;
  /** (1 − α) normal interval */
  ci: Interval;
};

/** Delta-method variance of m_t/m_c for independent arms (the formula above). */
export function relativeLiftVariance(control: ArmMoments, treatment: ArmMoments): number {
  const mc2 = control.mean * control.mean;
  return treatment.variance / (treatment.n * mc2) + (treatment.mean * treatment.mean * control.variance) / (control.n * mc2 * mc2);
}

/** The relative lift of treatment over control; null when the control mean is 0 or an arm is empty. */
export function relativeLift(control: ArmMoments, treatment: ArmMoments, alpha: number): RelativeLift | null {
  if (control.mean === 0 || control.n < 1 || treatment.n < 1) return null;
  const estimate = (treatment.mean - control.mean) / Math.abs(control.mean);
  const standardError = Math.sqrt(relativeLiftVariance(control, treatment));
  if (!Number.isFinite(estimate) || !Number.isFinite(standardError)) return null;
  return { interval: RELATIVE_INTERVAL, estimate, standardError, ci: around(estimate, zCritical(alpha) * standardError) };
}
