import { fieldError } from "../errors";
import { chiSquareUpperTail } from "./distributions";

/**
 * Sample ratio mismatch: Pearson's chi-square goodness-of-fit test of the units observed in each
 * arm against the planned split. χ² = Σ (o_i − e_i)²/e_i with e_i = N·w_i/Σw, df = k − 1;
 * p = P(χ²_{k−1} ≥ χ²). A p-value below 0.001 flags a mismatch (`srm: true`): the assignment or
 * the exposure logging is broken, and the lifts should not be trusted.
 * Same statistic as scipy.stats.chisquare(observed, expected) and R's chisq.test(x, p = w/Σw).
 */

export const SRM_TEST = "chi-square goodness of fit";
export const SRM_THRESHOLD = 0.001;

export type SrmResult = {
  test: typeof SRM_TEST;
  /** pValue < threshold */
  srm: boolean;
  pValue: number;
  /** Pearson χ² */
  statistic: number;
  /** k − 1 */
  df: number;
  threshold: number;
  observed: number[];
  /** units expected per arm from the planned weights */
  expected: number[];
  /** planned weights normalised to sum to 1 (equal when none were given) */
  weights: number[];
};

/**
 * Checks `units` (one whole number ≥ 0 per arm, at least 2 arms) against `weights` (one positive
 * number per arm, any scale; equal when omitted). With no units at all the p-value is 1.
 */
export function sampleRatioMismatch(units: readonly number[], weights?: readonly number[], threshold: number = SRM_THRESHOLD): SrmResult {
  if (units.length < 2 || !units.every((u) => Number.isSafeInteger(u) && u >= 0)) {
    throw fieldError("units", "Units must list a whole number ≥ 0 for each of at least 2 arms.");
  }
  const raw = weights ?? units.map(() => 1);
  if (raw.length !== units.length || !raw.every((w) => Number.isFinite(w) && w > 0)) {
    throw fieldError("weights", `Planned weights must give each of the ${units.length} arms a number more than 0 (e.g. 50, 50).`);
  }
  const totalWeight = raw.reduce((a, w) => a + w, 0);
  const normalised = raw.map((w) => w / totalWeight);
  const total = units.reduce((a, u) => a + u, 0);
  const expected = normalised.map((w) => w * total);
  const statistic = total === 0 ? 0 : expected.reduce((acc, e, i) => acc + ((units[i] ?? 0) - e) ** 2 / e, 0);
  const df = units.length - 1;
  const pValue = total === 0 ? 1 : chiSquareUpperTail(statistic, df);
  return { test: SRM_TEST, srm: pValue < threshold, pValue, statistic, df, threshold, observed: [...units], expected, weights: normalised };
}
