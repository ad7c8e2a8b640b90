import chisquareCdf from "@stdlib/stats-base-dists-chisquare-cdf";
import normalCdf from "@stdlib/stats-base-dists-normal-cdf";
import tCdf from "@stdlib/stats-base-dists-t-cdf";
import tQuantile from "@stdlib/stats-base-dists-t-quantile";
import { zQuantile } from "./sample-size";

/**
 * Exact CDFs and quantiles (@stdlib) used by the analysis engine. Two-sided tail areas are taken
 * from the lower tail at −|statistic|, which keeps p-values far below 1e-16 accurate instead of
 * rounding 1 − CDF to 0.
 */

/** A two-sided interval [lower, upper]. */
export type Interval = { lower: number; upper: number };

/** 2·Φ(−|z|): the two-sided p-value of a standard-normal statistic. */
export function normalTwoSidedP(z: number): number {
  return Math.min(1, 2 * normalCdf(-Math.abs(z), 0, 1));
}

/** 2·T_df(−|t|): the two-sided p-value of a Student-t statistic with df degrees of freedom. */
export function tTwoSidedP(t: number, df: number): number {
  return Math.min(1, 2 * tCdf(-Math.abs(t), df));
}

/** z_{1−α/2}: the two-sided standard-normal critical value. */
export function zCritical(alpha: number): number {
  return zQuantile(1 - alpha / 2);
}

/** t_{1−α/2, df}: the two-sided Student-t critical value. */
export function tCritical(alpha: number, df: number): number {
  return tQuantile(1 - alpha / 2, df);
}

/** P(χ²_df ≥ x): the upper tail of the chi-square distribution. */
export function chiSquareUpperTail(x: number, df: number): number {
  return Math.min(1, Math.max(0, 1 - chisquareCdf(x, df)));
}

/** estimate ± halfWidth */
export function around(estimate: number, halfWidth: number): Interval {
  return { lower: estimate - halfWidth, upper: estimate + halfWidth };
}
