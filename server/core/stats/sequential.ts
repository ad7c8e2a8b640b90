import { around, type Interval } from "./distributions";

/**
 * Always-valid inference: the asymptotic confidence sequence of Waudby-Smith, Arbour, Sinha,
 * Kennedy & Ramdas (2023), "Time-uniform central limit theory and asymptotic confidence
 * sequences" (arXiv:2103.06476), Gaussian-mixture boundary, as GrowthBook's gbstats applies it.
 * Formulas and references: README.md.
 *
 * For the mean of n observations with per-observation variance σ², the two-sided (1 − α)
 * confidence sequence is  estimate ± σ·√( 2(nρ² + 1)/(n²ρ²) · ln(√(nρ² + 1)/α) ),
 * valid at every n at once (peeking allowed). The mixing parameter ρ comes from the tuning
 * parameter N* (the sample size where the sequence is tightest):
 *   ρ² = (−2·ln α + ln(−2·ln α + 1)) / N*.
 *
 * For the difference of two means, n = n_t + n_c and σ² = n·SE² with SE² = v_t/n_t + v_c/n_c
 * (so σ²/n = SE², as for one mean).
 */

export const SEQUENTIAL_METHOD = "asymptotic confidence sequence (Waudby-Smith et al. 2023), Gaussian mixture, as GrowthBook";
/** GrowthBook's default tuning parameter N* ("estimated sample size" at decision time). */
export const DEFAULT_SEQUENTIAL_TUNING = 5_000;

export type ConfidenceSequence = {
  method: typeof SEQUENTIAL_METHOD;
  /** N*: where the sequence is tightest (total units across both arms) */
  tuningParameter: number;
  /** the mixing parameter ρ derived from α and N* */
  rho: number;
  /** n = n_t + n_c */
  n: number;
  halfWidth: number;
  /** the always-valid (1 − α) interval of the estimate */
  ci: Interval;
  /** always-valid p-value: below α exactly when the sequence excludes 0 */
  pValue: number;
  excludesZero: boolean;
};

/** ρ = √((−2·ln α + ln(−2·ln α + 1)) / N*) (Waudby-Smith et al. 2023, the ρ that minimises the width at n = N*). */
export function sequentialRho(alpha: number, tuningParameter: number): number {
  const l = -2 * Math.log(alpha);
  return Math.sqrt((l + Math.log(l + 1)) / tuningParameter);
}

/** σ·√( 2(nρ² + 1)/(n²ρ²) · ln(√(nρ² + 1)/α) ): half-width for a mean of n observations of variance σ². */
export function confidenceSequenceHalfWidth(sigma2: number, n: number, alpha: number, rho: number): number {
  const nr2 = n * rho * rho;
  return Math.sqrt(sigma2) * Math.sqrt(((2 * (nr2 + 1)) / (n * nr2)) * Math.log(Math.sqrt(nr2 + 1) / alpha));
}

/**
 * Always-valid p-value: min(1, 1/E) with the mixture e-value E = exp(ρ²S²/(2(nρ² + 1)))/√(nρ² + 1),
 * S = n·estimate/σ the standardised sum, S² = n²·estimate²/σ² (= n·estimate²/SE², as gbstats).
 * 1/E < α exactly when |estimate| > half-width. Computed in logs.
 */
export function alwaysValidPValue(estimate: number, sigma2: number, n: number, rho: number): number {
  const nr2 = n * rho * rho;
  const s2 = (n * n * estimate * estimate) / sigma2;
  const logP = 0.5 * Math.log(nr2 + 1) - (rho * rho * s2) / (2 * (nr2 + 1));
  return Math.exp(Math.min(0, logP));
}

/**
 * The confidence sequence of a difference of two means, given its estimate, its standard error
 * SE (√(v_t/n_t + v_c/n_c)) and the arm sizes. Returns null when SE is not positive or an arm is empty.
 */
export function differenceConfidenceSequence(
  comparison: { estimate: number; standardError: number; nControl: number; nTreatment: number },
  alpha: number,
  tuningParameter: number = DEFAULT_SEQUENTIAL_TUNING,
): ConfidenceSequence | null {
  const { estimate, standardError, nControl, nTreatment } = comparison;
  if (!(standardError > 0) || nControl < 1 || nTreatment < 1) return null;
  const n = nControl + nTreatment;
  const sigma2 = standardError * standardError * n;
  const rho = sequentialRho(alpha, tuningParameter);
  const halfWidth = confidenceSequenceHalfWidth(sigma2, n, alpha, rho);
  const ci = around(estimate, halfWidth);
  return {
    method: SEQUENTIAL_METHOD,
    tuningParameter,
    rho,
    n,
    halfWidth,
    ci,
    pValue: alwaysValidPValue(estimate, sigma2, n, rho),
    excludesZero: ci.lower > 0 || ci.upper < 0,
  };
}
