import normalQuantile from "@stdlib/stats-base-dists-normal-quantile";
import { fieldError } from "../errors";

/**
 * Sample size, minimum detectable effect and duration of a fixed-horizon A/B test with equal
 * allocation, each variant compared with the control by a two-sided test at level α.
 * Formulas, references and the meaning of every result field: README.md beside this file.
 *
 * - Conversion metric (two proportions), Fleiss without continuity correction — the closed form
 *   of the power equation of R's `power.prop.test` (strict = FALSE):
 *     n = (z_{1−α/2}·√(2·p̄·(1−p̄)) + z_{1−β}·√(p1(1−p1) + p2(1−p2)))² / (p2 − p1)²,
 *     p2 = p1·(1 + MDE), p̄ = (p1 + p2)/2.
 * - Mean metric (two means, common σ, normal approximation):
 *     n = 2·(z_{1−α/2} + z_{1−β})²·σ² / δ²,  δ = |mean|·MDE.
 *
 * z values are exact normal quantiles (@stdlib/stats-base-dists-normal-quantile).
 */

/** How α is shared between the (variations − 1) comparisons of the variants with the control. */
export type Correction = "bonferroni" | "none";

export const PROPORTION_METHOD =
  "Two proportions, two-sided z-test: Fleiss formula without continuity correction (pooled variance under H0, unpooled under H1; as R power.prop.test)";
export const MEAN_METHOD = "Two means, two-sided z-test (normal approximation, common standard deviation): n = 2(z_{1-α/2} + z_{1-β})²σ²/δ²";

/** The metric: a conversion metric gives `baselineRate`; a mean metric gives `baselineMean` and `baselineStdDev`. */
export type BaselineInput = {
  /** control conversion rate, in (0, 1) */
  baselineRate?: number;
  /** control mean of the metric (not 0) */
  baselineMean?: number;
  /** standard deviation of the metric per unit (> 0), assumed equal in every arm */
  baselineStdDev?: number;
};

export type TestDesignInput = BaselineInput & {
  /** two-sided significance level for the whole experiment, in (0, 0.5] */
  alpha: number;
  /** 1 − β, in [0.5, 0.999] */
  power: number;
  /** number of arms including the control, a whole number ≥ 2 */
  variations: number;
  /** default "bonferroni": α/(variations − 1) per comparison; no change with 2 arms */
  correction?: Correction;
};

export type SampleSizeInput = TestDesignInput & {
  /** relative lift to detect, > 0 (0.05 = +5 % of the baseline) */
  minDetectableEffect: number;
};

export type TestStatistics = {
  /** the formula used (PROPORTION_METHOD or MEAN_METHOD) */
  method: string;
  metric: "proportion" | "mean";
  /** z_{1−α'/2} with α' = alphaPerComparison */
  zAlpha: number;
  /** z_{1−β} = z_{power}; 0 at power 0.5 */
  zBeta: number;
  /** α used by each comparison: alpha/(variations − 1) with Bonferroni, else alpha */
  alphaPerComparison: number;
  /** variations − 1: each variant against the control */
  comparisons: number;
  correction: Correction;
};

export type SampleSizeResult = TestStatistics & {
  /** units needed in every arm (control included), rounded up */
  perVariation: number;
  /** the formula's unrounded value, for inverse checks */
  perVariationExact: number;
  /** perVariation × variations */
  total: number;
};

export type MinimumDetectableEffectInput = TestDesignInput & {
  /** units per arm (> 0; need not be whole) */
  perVariation: number;
};

export type MinimumDetectableEffectResult = TestStatistics & {
  /**
   * The smallest relative lift detected with the requested power, or null when no lift keeping
   * the variant's rate at most 100 % is detectable with so few units (proportions only).
   */
  minDetectableEffect: number | null;
  /** the same effect in the metric's units: p2 − p1, or δ for a mean */
  absoluteEffect: number | null;
};

export type DurationInput = {
  /** units needed per arm (SampleSizeResult.perVariation) */
  perVariation: number;
  /** number of arms including the control, ≥ 2 */
  variations: number;
  /** share of the daily units that enter the experiment, 0–100 */
  exposurePercentage: number;
  /** units seen per day before exposure is applied, ≥ 0 */
  expectedDailyUnits: number;
  /** the planned run length, ≥ 0 days */
  plannedDurationDays: number;
  /**
   * Optional split of the exposed units between arms, in %, one per arm (summing to 100). The
   * smallest arm fills last, so it sets the duration. Without it the split is equal.
   */
  weights?: readonly number[];
};

export type DurationResult = {
  /** whole days until every arm has perVariation units; null when no unit enters (0 traffic or 0 % exposure) */
  daysNeeded: number | null;
  /** whether the planned duration reaches the sample: unitsByEnd ≥ unitsNeeded (for whole days, daysNeeded ≤ plannedDurationDays) */
  reachable: boolean;
  /** units expected to enter the experiment (all arms) by the end of the planned duration, rounded down */
  unitsByEnd: number;
  /** units that must enter (all arms, rounded up) for the smallest arm to reach perVariation */
  unitsNeeded: number;
  /** units entering the experiment per day: expectedDailyUnits × exposurePercentage / 100 */
  dailyUnits: number;
};

// ---------------------------------------------------------------------------------------------
// Input checks

const MIN_POWER = 0.5;
const MAX_POWER = 0.999;
const MAX_ALPHA = 0.5;

const finite = (x: unknown): x is number => typeof x === "number" && Number.isFinite(x);

function checkAlpha(alpha: number): void {
  if (!(finite(alpha) && alpha > 0 && alpha <= MAX_ALPHA)) {
    throw fieldError("alpha", `Alpha must be more than 0 and at most ${MAX_ALPHA} (a two-sided significance level such as 0.05).`);
  }
}

function checkPower(power: number): void {
  if (!(finite(power) && power >= MIN_POWER && power <= MAX_POWER)) {
    throw fieldError("power", `Power must be between ${MIN_POWER} and ${MAX_POWER} (e.g. 0.8 for 80 %).`);
  }
}

function checkVariations(variations: number): void {
  if (!(Number.isSafeInteger(variations) && variations >= 2)) {
    throw fieldError("variations", "Variations must be a whole number of at least 2 (the control plus at least one variant).");
  }
}

function checkCorrection(correction: unknown): Correction {
  if (correction === undefined || correction === "bonferroni") return "bonferroni";
  if (correction === "none") return "none";
  throw fieldError("correction", 'Correction must be "bonferroni" or "none".');
}

type Metric = { kind: "proportion"; p1: number } | { kind: "mean"; mean: number; sd: number };

function checkMetric(input: BaselineInput): Metric {
  const { baselineRate, baselineMean, baselineStdDev } = input;
  const hasRate = baselineRate !== undefined;
  const hasMean = baselineMean !== undefined || baselineStdDev !== undefined;
  if (hasRate && hasMean) {
    throw fieldError(
      "baselineRate",
      "Give either a baseline rate (conversion metric) or a baseline mean and standard deviation (mean metric), not both.",
    );
  }
  if (hasRate) {
    if (!(finite(baselineRate) && baselineRate > 0 && baselineRate < 1)) {
      throw fieldError("baselineRate", "Baseline rate must be more than 0 and less than 1 (e.g. 0.1 for a 10 % conversion rate).");
    }
    return { kind: "proportion", p1: baselineRate };
  }
  if (!hasMean) {
    throw fieldError(
      "baselineRate",
      "Baseline rate is required for a conversion metric (e.g. 0.1); for a mean metric give a baseline mean and standard deviation instead.",
    );
  }
  if (!(finite(baselineMean) && baselineMean !== 0)) {
    throw fieldError("baselineMean", "Baseline mean must be a number other than 0 (the control's average, e.g. 42.5): the effect is relative to it.");
  }
  if (!(finite(baselineStdDev) && baselineStdDev > 0)) {
    throw fieldError("baselineStdDev", "Baseline standard deviation must be more than 0 (the spread of the metric per unit, e.g. 12.3).");
  }
  return { kind: "mean", mean: baselineMean, sd: baselineStdDev };
}

function checkMinDetectableEffect(mde: number, metric: Metric): void {
  if (!(finite(mde) && mde > 0)) {
    throw fieldError("minDetectableEffect", "Minimum detectable effect must be more than 0 (a relative lift, e.g. 0.05 for +5 %).");
  }
  if (metric.kind === "proportion" && !(metric.p1 * (1 + mde) < 1)) {
    const limit = 1 / metric.p1 - 1;
    throw fieldError(
      "minDetectableEffect",
      `Minimum detectable effect must be less than ${formatNumber(limit)} for a baseline rate of ${formatNumber(metric.p1)}: the variant's rate, baseline × (1 + effect), must stay below 1.`,
    );
  }
}

function formatNumber(x: number): string {
  return String(Number(x.toPrecision(4)));
}

function statistics(input: TestDesignInput): { metric: Metric; stats: TestStatistics } {
  checkAlpha(input.alpha);
  checkPower(input.power);
  checkVariations(input.variations);
  const correction = checkCorrection(input.correction);
  const metric = checkMetric(input);
  const comparisons = input.variations - 1;
  const alphaPerComparison = correction === "bonferroni" ? input.alpha / comparisons : input.alpha;
  return {
    metric,
    stats: {
      method: metric.kind === "proportion" ? PROPORTION_METHOD : MEAN_METHOD,
      metric: metric.kind,
      zAlpha: zQuantile(1 - alphaPerComparison / 2),
      zBeta: zQuantile(input.power),
      alphaPerComparison,
      comparisons,
      correction,
    },
  };
}

/** Standard normal quantile Φ⁻¹(p). */
export function zQuantile(p: number): number {
  return normalQuantile(p, 0, 1);
}

// ---------------------------------------------------------------------------------------------
// Formulas

/** Fleiss (no continuity correction): units per arm to tell p1 from p2. */
function proportionN(p1: number, p2: number, zAlpha: number, zBeta: number): number {
  const pBar = (p1 + p2) / 2;
  const root = zAlpha * Math.sqrt(2 * pBar * (1 - pBar)) + zBeta * Math.sqrt(p1 * (1 - p1) + p2 * (1 - p2));
  const d = p2 - p1;
  return (root * root) / (d * d);
}

/** Two means with common σ: units per arm to detect a difference δ. */
function meanN(sd: number, delta: number, zAlpha: number, zBeta: number): number {
  const z = zAlpha + zBeta;
  return (2 * z * z * sd * sd) / (delta * delta);
}

/** Within floating-point noise of a whole number: 1e-9 relative, never more than 1e-6 of a unit. */
function nearWhole(x: number): number | null {
  const r = Math.round(x);
  return Math.abs(x - r) <= 1e-9 * Math.min(Math.max(1, Math.abs(x)), 1_000) ? r : null;
}

/** ⌈x⌉, ignoring floating-point noise just above a whole number (e.g. 30.000000000000004 → 30). */
function ceilClean(x: number): number {
  return nearWhole(x) ?? Math.ceil(x);
}

/** ⌊x⌋, ignoring floating-point noise just below a whole number (e.g. 56.99999999999999 → 57). */
function floorClean(x: number): number {
  return nearWhole(x) ?? Math.floor(x);
}

// ---------------------------------------------------------------------------------------------
// Public API

/**
 * Units needed per arm (and in total, equal allocation) to detect a relative lift of
 * `minDetectableEffect` with the given power, each variant against the control at
 * `alphaPerComparison` (two-sided). Throws AppError (BAD_INPUT, one field) on invalid input.
 */
export function sampleSizePerVariation(input: SampleSizeInput): SampleSizeResult {
  const { metric, stats } = statistics(input);
  const mde = input.minDetectableEffect;
  checkMinDetectableEffect(mde, metric);
  const exact =
    metric.kind === "proportion"
      ? proportionN(metric.p1, metric.p1 * (1 + mde), stats.zAlpha, stats.zBeta)
      : meanN(metric.sd, Math.abs(metric.mean) * mde, stats.zAlpha, stats.zBeta);
  if (!Number.isFinite(exact)) {
    throw fieldError("minDetectableEffect", "Minimum detectable effect is too small to compute a sample size; use a larger effect (e.g. 0.01 for +1 %).");
  }
  const perVariation = Math.max(1, ceilClean(exact));
  return { ...stats, perVariation, perVariationExact: exact, total: perVariation * input.variations };
}

/**
 * The inverse of sampleSizePerVariation: the smallest relative lift `perVariation` units per arm
 * detect with the given power. Closed form for means; bisection for proportions (the Fleiss n
 * falls strictly as p2 rises above p1, so the root is unique).
 */
export function minimumDetectableEffect(input: MinimumDetectableEffectInput): MinimumDetectableEffectResult {
  const { metric, stats } = statistics(input);
  const n = input.perVariation;
  if (!(finite(n) && n > 0)) {
    throw fieldError("perVariation", "Units per variation must be more than 0 (e.g. 1000).");
  }
  if (metric.kind === "mean") {
    const delta = (stats.zAlpha + stats.zBeta) * metric.sd * Math.sqrt(2 / n);
    return { ...stats, minDetectableEffect: delta / Math.abs(metric.mean), absoluteEffect: delta };
  }
  const { p1 } = metric;
  const nAt = (d: number) => proportionN(p1, p1 + d, stats.zAlpha, stats.zBeta);
  let hi = 1 - p1;
  if (nAt(hi) > n) return { ...stats, minDetectableEffect: null, absoluteEffect: null };
  // n(d) is +∞ at d = 0 and ≤ target at hi: halve [lo, hi] until the doubles cannot be split.
  let lo = 0;
  for (let i = 0; i < 2_000; i++) {
    const mid = lo + (hi - lo) / 2;
    if (mid <= lo || mid >= hi) break;
    if (nAt(mid) > n) lo = mid;
    else hi = mid;
  }
  return { ...stats, minDetectableEffect: hi / p1, absoluteEffect: hi };
}

/**
 * How long the experiment must run for every arm to reach `perVariation` units, and whether the
 * planned duration gets there. Units enter at expectedDailyUnits × exposurePercentage / 100 a day.
 */
export function durationEstimate(input: DurationInput): DurationResult {
  const { perVariation, variations, exposurePercentage, expectedDailyUnits, plannedDurationDays, weights } = input;
  if (!(finite(perVariation) && perVariation > 0)) {
    throw fieldError("perVariation", "Units per variation must be more than 0 (use sampleSizePerVariation to compute it).");
  }
  checkVariations(variations);
  if (!(finite(exposurePercentage) && exposurePercentage >= 0 && exposurePercentage <= 100)) {
    throw fieldError("exposurePercentage", "Exposure must be between 0 % and 100 %.");
  }
  if (!(finite(expectedDailyUnits) && expectedDailyUnits >= 0)) {
    throw fieldError("expectedDailyUnits", "Expected daily units must be 0 or more (units seen per day before exposure).");
  }
  if (!(finite(plannedDurationDays) && plannedDurationDays >= 0)) {
    throw fieldError("plannedDurationDays", "Planned duration must be 0 or more days.");
  }
  let unitsNeeded = ceilClean(perVariation * variations);
  if (weights !== undefined) {
    const sum = weights.reduce((a, w) => a + w, 0);
    const valid = weights.length === variations && weights.every((w) => finite(w) && w > 0 && w <= 100) && Math.abs(sum - 100) <= 1e-6;
    if (!valid) {
      throw fieldError("weights", `Weights must give each of the ${variations} variations more than 0 % and sum to 100 %.`);
    }
    unitsNeeded = ceilClean((perVariation * 100) / Math.min(...weights));
  }
  const dailyUnits = (expectedDailyUnits * exposurePercentage) / 100;
  const unitsByEnd = floorClean(dailyUnits * plannedDurationDays);
  if (!(dailyUnits > 0)) return { daysNeeded: null, reachable: false, unitsByEnd: 0, unitsNeeded, dailyUnits: 0 };
  const daysNeeded = ceilClean(unitsNeeded / dailyUnits);
  return { daysNeeded, reachable: unitsByEnd >= unitsNeeded, unitsByEnd, unitsNeeded, dailyUnits };
}
