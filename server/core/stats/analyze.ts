import { parseAnalyzeInput, type DirectionInput, type MetricKindInput, type ParsedArm, type ParsedMetric } from "./analyze-input";
import { relativeLift, RELATIVE_INTERVAL } from "./delta-method";
import type { Interval } from "./distributions";
import { adjustPValues, CORRECTION_METHODS, type PValueCorrection } from "./multiple-comparisons";
import { BERNOULLI_VARIANCE, PROPORTION_INTERVAL, PROPORTION_TEST, PROPORTION_TEST_VARIANCE, proportionSummary, twoProportionZTest } from "./proportions";
import { differenceConfidenceSequence, SEQUENTIAL_METHOD, sequentialRho, type ConfidenceSequence } from "./sequential";
import { sampleRatioMismatch, type SrmResult } from "./srm";
import { meanFromSums, SAMPLE_VARIANCE, WELCH_INTERVAL, WELCH_TEST, welchTTest } from "./welch";

export type { AnalyzeInput, MetricInput, VariantInput } from "./analyze-input";

/**
 * The experiment analysis: JSON in → JSON out (no NaN, no Infinity: undefined values are null).
 * Each variant of each metric is compared with the control (the metric's first variant): Welch's
 * t-test for a mean metric, a two-proportion z-test for a proportion metric; relative lift by the
 * delta method; optionally an always-valid confidence sequence; p-values adjusted across all
 * variant × metric comparisons; and a sample-ratio-mismatch check. Schema and formulas: README.md.
 */

export type Verdict = "not enough data" | "no significant difference" | "better" | "worse";

/** Fewer units than this in an arm → "not enough data" (a sample variance needs 2). */
export const MIN_UNITS_PER_ARM = 2;

export type ArmResult = {
  key: string;
  units: number;
  /** conversion rate, or mean per unit; null with 0 units */
  mean: number | null;
  /** the per-unit variance the metric's method uses (MetricResult.variance names it); null when undefined */
  variance: number | null;
};

export type LiftResult = {
  /** the interval's method */
  interval: string;
  estimate: number | null;
  standardError: number | null;
  /** (1 − α), fixed-horizon; null when undefined */
  ci: Interval | null;
};

export type SequentialResult = Pick<ConfidenceSequence, "halfWidth" | "ci" | "pValue" | "excludesZero">;

export type VariantResult = ArmResult & {
  /** the test's method: "welch-t" or "two-proportion-z" */
  test: string;
  /** t or z; null when the test is undefined */
  statistic: number | null;
  /** Welch–Satterthwaite df (Welch only) */
  df: number | null;
  /** raw two-sided fixed-horizon p-value */
  pValue: number | null;
  /** the decision p-value (always-valid when sequential) after the correction */
  pValueAdjusted: number | null;
  /** m_t − m_c */
  absoluteLift: LiftResult;
  /** (m_t − m_c)/|m_c|; estimate null when the control mean is 0 */
  relativeLift: LiftResult;
  /** the always-valid interval of the absolute lift, when sequential testing is enabled */
  sequential: SequentialResult | null;
  verdict: Verdict;
  /** why the verdict, in words */
  reason: string;
};

export type MetricResult = {
  key: string;
  kind: MetricKindInput;
  direction: DirectionInput;
  test: string;
  /** the variance the test statistic uses */
  testVariance: string;
  /** the per-unit variance reported for each arm and used by the intervals */
  variance: string;
  control: ArmResult;
  variants: VariantResult[];
};

export type AnalyzeResult = {
  alpha: number;
  correction: {
    method: PValueCorrection;
    description: string;
    /** comparisons in the family (those with a p-value) */
    comparisons: number;
    appliedTo: "fixed-horizon p-values" | "always-valid p-values";
  };
  sequential: { enabled: boolean; method: string; tuningParameter: number; rho: number; appliesTo: "absolute lift" };
  /** units of metrics.0 against plannedWeights */
  srm: SrmResult;
  metrics: MetricResult[];
};

/** A comparison before the correction: pValueAdjusted, verdict and reason are placeholders until then. */
type Pending = VariantResult & { decisionP: number | null; blocked: string | null };

function armResult(metric: ParsedMetric, arm: ParsedArm): ArmResult {
  const summary = metric.kind === "proportion" ? proportionSummary({ n: arm.units, x: arm.conversions }) : meanFromSums(arm.units, arm.sum, arm.sumSquares);
  return { key: arm.key, units: arm.units, mean: summary.mean, variance: summary.variance };
}

function compare(metric: ParsedMetric, control: ArmResult, arm: ParsedArm, alpha: number, sequential: { enabled: boolean; tuningParameter: number }): Pending {
  const treatment = armResult(metric, arm);
  const isProportion = metric.kind === "proportion";
  const emptyLift = (interval: string, estimate: number | null): LiftResult => ({ interval, estimate, standardError: null, ci: null });
  const difference = treatment.mean !== null && control.mean !== null ? treatment.mean - control.mean : null;
  const relativeEstimate = difference !== null && control.mean ? difference / Math.abs(control.mean) : null;
  const pending: Pending = {
    ...treatment,
    test: isProportion ? PROPORTION_TEST : WELCH_TEST,
    statistic: null,
    df: null,
    pValue: null,
    pValueAdjusted: null,
    absoluteLift: emptyLift(isProportion ? PROPORTION_INTERVAL : WELCH_INTERVAL, difference),
    relativeLift: emptyLift(RELATIVE_INTERVAL, relativeEstimate),
    sequential: null,
    verdict: "not enough data",
    reason: "",
    decisionP: null,
    blocked: null,
  };
  const smallest = Math.min(control.units, treatment.units);
  if (smallest < MIN_UNITS_PER_ARM) {
    const which = control.units <= treatment.units ? `the control (${control.key})` : `variant ${treatment.key}`;
    return { ...pending, blocked: `Each arm needs at least ${MIN_UNITS_PER_ARM} units; ${which} has ${smallest}.` };
  }
  const c = { n: control.units, mean: control.mean as number, variance: control.variance as number };
  const t = { n: treatment.units, mean: treatment.mean as number, variance: treatment.variance as number };
  const result = isProportion
    ? twoProportionZTest({ n: c.n, x: metric.control.conversions }, { n: t.n, x: arm.conversions }, alpha)
    : welchTTest(c, t, alpha);
  if (result === null) {
    const why = isProportion ? "No unit converted in either arm, or every unit did: the rates cannot be compared yet." : "The metric does not vary within either arm: the test is undefined.";
    return { ...pending, blocked: why };
  }
  const relative = relativeLift(c, t, alpha);
  pending.statistic = result.statistic;
  pending.df = "df" in result ? result.df : null;
  pending.pValue = result.pValue;
  pending.absoluteLift = { interval: result.interval, estimate: result.difference, standardError: result.standardError, ci: result.ci };
  if (relative) pending.relativeLift = { interval: relative.interval, estimate: relative.estimate, standardError: relative.standardError, ci: relative.ci };
  pending.decisionP = result.pValue;
  if (sequential.enabled) {
    const cs = differenceConfidenceSequence(
      { estimate: result.difference, standardError: result.standardError, nControl: c.n, nTreatment: t.n },
      alpha,
      sequential.tuningParameter,
    );
    if (cs === null) return { ...pending, decisionP: null, blocked: "No variation within either arm: the always-valid interval is undefined." };
    pending.sequential = { halfWidth: cs.halfWidth, ci: cs.ci, pValue: cs.pValue, excludesZero: cs.excludesZero };
    pending.decisionP = cs.pValue;
  }
  return pending;
}

/** `p` names the decision p-value, e.g. "p (holm-adjusted, always-valid)". */
function verdictOf(pending: Pending, adjusted: number | null, alpha: number, direction: DirectionInput, p: string): Pick<VariantResult, "verdict" | "reason"> {
  if (pending.blocked !== null || adjusted === null) return { verdict: "not enough data", reason: pending.blocked ?? "No p-value." };
  const shown = Number(adjusted.toPrecision(3));
  if (!(adjusted < alpha)) return { verdict: "no significant difference", reason: `${p} = ${shown} ≥ α = ${alpha}.` };
  const up = (pending.absoluteLift.estimate ?? 0) > 0;
  const better = up === (direction === "increase");
  return { verdict: better ? "better" : "worse", reason: `${p} = ${shown} < α = ${alpha}; the metric ${up ? "rose" : "fell"} (${direction} is better).` };
}

/**
 * Analyses an experiment from summary statistics (JSON in → JSON out). Throws AppError
 * (BAD_INPUT) naming the field, e.g. "metrics.0.variants.1.units", on invalid input.
 */
export function analyze(input: unknown): AnalyzeResult {
  const { alpha, sequential, plannedWeights, correction, metrics, srmUnits } = parseAnalyzeInput(input);
  const pending = metrics.map((metric) => {
    const control = armResult(metric, metric.control);
    return { metric, control, variants: metric.arms.slice(1).map((arm) => compare(metric, control, arm, alpha, sequential)) };
  });
  const adjusted = adjustPValues(
    pending.flatMap((m) => m.variants.map((v) => v.decisionP)),
    correction,
  );
  const qualifiers = [correction === "none" ? "" : `${correction}-adjusted`, sequential.enabled ? "always-valid" : ""].filter(Boolean);
  const pLabel = qualifiers.length ? `p (${qualifiers.join(", ")})` : "p";
  let k = 0;
  const results: MetricResult[] = pending.map(({ metric, control, variants }) => ({
    key: metric.key,
    kind: metric.kind,
    direction: metric.direction,
    test: metric.kind === "proportion" ? PROPORTION_TEST : WELCH_TEST,
    testVariance: metric.kind === "proportion" ? PROPORTION_TEST_VARIANCE : "unpooled v_t/n_t + v_c/n_c (Welch)",
    variance: metric.kind === "proportion" ? BERNOULLI_VARIANCE : SAMPLE_VARIANCE,
    control,
    variants: variants.map((v) => {
      const p = adjusted[k++] ?? null;
      const { decisionP: _decisionP, blocked: _blocked, ...rest } = v;
      return { ...rest, pValueAdjusted: p, ...verdictOf(v, p, alpha, metric.direction, pLabel) };
    }),
  }));
  return {
    alpha,
    correction: {
      method: correction,
      description: CORRECTION_METHODS[correction],
      comparisons: adjusted.filter((p) => p !== null).length,
      appliedTo: sequential.enabled ? "always-valid p-values" : "fixed-horizon p-values",
    },
    sequential: {
      enabled: sequential.enabled,
      method: SEQUENTIAL_METHOD,
      tuningParameter: sequential.tuningParameter,
      rho: sequentialRho(alpha, sequential.tuningParameter),
      appliesTo: "absolute lift",
    },
    srm: sampleRatioMismatch(srmUnits, plannedWeights ?? undefined),
    metrics: results,
  };
}
