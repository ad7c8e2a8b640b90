import type { MetricDirection, MetricKind } from "../metrics/metric-input";
import { analysisKindOf, countsWithoutEvents } from "../metrics/unit-metric";
import { analyze, type AnalyzeResult, type MetricResult } from "../stats/analyze";
import { relativeLift } from "../stats/delta-method";
import { proportionSummary } from "../stats/proportions";
import { DEFAULT_SEQUENTIAL_TUNING, differenceConfidenceSequence } from "../stats/sequential";
import { sampleRatioMismatch, type SrmResult } from "../stats/srm";
import { meanFromSums } from "../stats/welch";
import { EXPOSURE_METRIC, type ArmHistogramRow, type ArmSeriesRow, type ArmTotalRow } from "./aggregate-batch";
import { histogramQuantile } from "./latency-histogram";

/**
 * An experiment's live results from its running totals (pure): the analysis of every metric
 * (server/core/stats/analyze.ts, sequential testing on: people look every day), the sample
 * progress, the sample-ratio-mismatch check against the planned weights, each metric over time
 * (value per variation and cumulative relative lift with its always-valid band), and whether the
 * experiment counts as measured for a "ship" decision.
 */

export type MetricRole = "success" | "failure" | "guardrail";

export type ResultsMetric = {
  id: string;
  key: string;
  name: string;
  kind: MetricKind;
  direction: MetricDirection;
  role: MetricRole;
  unit: string;
};

export type ResultsDesign = {
  controlVariation: string;
  /** variation → planned weight (%), control included */
  weights: Record<string, number>;
  alpha: number;
  /** the design's per-variation sample size (power calculation); null when unknown */
  plannedPerVariation: number | null;
  /** success metrics first, as the experiment lists them */
  metrics: ResultsMetric[];
};

export type SeriesPoint = {
  /** end of the bucket (epoch ms): the totals include everything before it */
  atMs: number;
  /** variation → units exposed so far */
  units: Record<string, number>;
  /** variation → metric value so far (rate or mean per unit); null without data */
  values: Record<string, number | null>;
  /** non-control variation → cumulative relative lift and its always-valid band; null while undefined */
  lift: Record<string, { estimate: number; lower: number; upper: number } | null>;
};

export type MetricView = ResultsMetric & {
  analysis: MetricResult;
  /**
   * non-control variation → relative lift with its always-valid interval (the delta-method SE
   * widened by the confidence sequence, as the chart band): the interval that matches the verdict
   */
  alwaysValidLift: Record<string, { estimate: number; lower: number; upper: number } | null>;
  /** latency: 95th percentile of event values per variation (descriptive, within 5 %) */
  p95: Record<string, number | null> | null;
  series: SeriesPoint[];
};

export type Measurement = { measured: boolean; reason: string };

export type ExperimentResults = {
  variations: { key: string; isControl: boolean; units: number; plannedShare: number; observedShare: number | null }[];
  totalUnits: number;
  sample: { plannedPerVariation: number | null; smallestArm: number; progress: number | null };
  srm: SrmResult;
  /** the family-wide settings of the analysis (alpha, correction, sequential) */
  method: Pick<AnalyzeResult, "alpha" | "correction" | "sequential">;
  metrics: MetricView[];
  measurement: Measurement;
};

/** The band of the charts over time: the relative lift's delta-method SE, widened by the confidence sequence. */
export const LIFT_BAND_METHOD = "relative lift (delta method) with an always-valid band (asymptotic confidence sequence)";

type Totals = { units: number; sum: number; sumSquares: number };
const ZERO: Totals = Object.freeze({ units: 0, sum: 0, sumSquares: 0 });

function orderedVariations(design: ResultsDesign): string[] {
  return [design.controlVariation, ...Object.keys(design.weights).filter((v) => v !== design.controlVariation)];
}

type ArmIn = { key: string; units: number; conversions: number } | { key: string; units: number; sum: number; sumSquares: number };

/** The analysis input of one arm of one metric from its totals. */
function armInput(metric: ResultsMetric, variation: string, exposed: number, totals: Totals): ArmIn {
  const units = countsWithoutEvents(metric.kind) ? exposed : Math.round(totals.units);
  if (analysisKindOf(metric.kind) === "proportion") {
    return { key: variation, units, conversions: Math.min(units, Math.max(0, Math.round(totals.sum))) };
  }
  if (units === 0) return { key: variation, units: 0, sum: 0, sumSquares: 0 };
  // running sums add and subtract floats: never let rounding put Σy² below (Σy)²/n
  return { key: variation, units, sum: totals.sum, sumSquares: Math.max(totals.sumSquares, (totals.sum * totals.sum) / units) };
}

function valueOf(arm: ArmIn): number | null {
  if ("conversions" in arm) return proportionSummary({ n: arm.units, x: arm.conversions }).mean;
  return meanFromSums(arm.units, arm.sum, arm.sumSquares).mean;
}

function momentsOf(arm: ArmIn) {
  const s = "conversions" in arm ? proportionSummary({ n: arm.units, x: arm.conversions }) : meanFromSums(arm.units, arm.sum, arm.sumSquares);
  return s.mean === null || s.variance === null ? null : { n: arm.units, mean: s.mean, variance: s.variance };
}

/** Cumulative relative lift with its always-valid band (null while undefined). */
function liftBand(control: ArmIn, treatment: ArmIn, alpha: number, tuning: number) {
  const c = momentsOf(control);
  const t = momentsOf(treatment);
  if (!c || !t || c.n < 2 || t.n < 2) return null;
  const relative = relativeLift(c, t, alpha);
  if (!relative) return null;
  const cs = differenceConfidenceSequence({ estimate: relative.estimate, standardError: relative.standardError, nControl: c.n, nTreatment: t.n }, alpha, tuning);
  if (!cs) return null;
  return { estimate: relative.estimate, lower: cs.ci.lower, upper: cs.ci.upper };
}

/** N*: the planned total sample when the design has one (where the band is tightest), else GrowthBook's default. */
export function sequentialTuningFor(design: ResultsDesign): number {
  const arms = Object.keys(design.weights).length;
  return design.plannedPerVariation ? design.plannedPerVariation * arms : DEFAULT_SEQUENTIAL_TUNING;
}

export function experimentResults(input: {
  design: ResultsDesign;
  totals: readonly ArmTotalRow[];
  series: readonly ArmSeriesRow[];
  histograms: readonly ArmHistogramRow[];
  /** the time of the reading: the last point of the charts holds the totals up to now */
  nowMs: number;
}): ExperimentResults {
  const { design } = input;
  const variations = orderedVariations(design);
  const control = design.controlVariation;
  const tuning = sequentialTuningFor(design);
  const totalOf = (rows: readonly ArmTotalRow[], variation: string, metricId: string): Totals =>
    rows.find((r) => r.variation === variation && r.metricId === metricId) ?? ZERO;

  const exposed = variations.map((v) => Math.round(totalOf(input.totals, v, EXPOSURE_METRIC).units));
  const totalUnits = exposed.reduce((a, b) => a + b, 0);
  const weights = variations.map((v) => design.weights[v] ?? 0);
  const weightSum = weights.reduce((a, b) => a + b, 0) || 1;
  const srm = sampleRatioMismatch(exposed, weights.every((w) => w > 0) ? weights : undefined);

  const arms = design.metrics.map((metric) => variations.map((v, i) => armInput(metric, v, exposed[i]!, totalOf(input.totals, v, metric.id))));
  const analysis = design.metrics.length
    ? analyze({
        alpha: design.alpha,
        sequential: { enabled: true, tuningParameter: tuning },
        plannedWeights: weights.every((w) => w > 0) ? weights : undefined,
        metrics: design.metrics.map((metric, m) => ({
          key: metric.key,
          kind: analysisKindOf(metric.kind),
          direction: metric.direction,
          variants: arms[m]!,
        })),
      })
    : null;
  const method = analysis ?? analyze({ alpha: design.alpha, sequential: { enabled: true, tuningParameter: tuning }, metrics: [placeholderMetric(variations)] });

  const buckets = [...new Set(input.series.map((r) => r.bucketMs))].sort((a, b) => a - b);
  const metrics: MetricView[] = design.metrics.map((metric, m) => ({
    ...metric,
    analysis: analysis!.metrics[m]!,
    alwaysValidLift: Object.fromEntries(arms[m]!.slice(1).map((arm) => [arm.key, liftBand(arms[m]![0]!, arm, design.alpha, tuning)])),
    p95: metric.kind === "latency" ? p95ByVariation(variations, input.histograms.filter((h) => h.metricId === metric.id)) : null,
    series: seriesOf(metric, variations, control, buckets, input.series, design.alpha, tuning, input.nowMs),
  }));

  const smallestArm = Math.min(...exposed);
  return {
    variations: variations.map((key, i) => ({
      key,
      isControl: key === control,
      units: exposed[i]!,
      plannedShare: weights[i]! / weightSum,
      observedShare: totalUnits ? exposed[i]! / totalUnits : null,
    })),
    totalUnits,
    sample: {
      plannedPerVariation: design.plannedPerVariation,
      smallestArm,
      progress: design.plannedPerVariation ? Math.min(1, smallestArm / design.plannedPerVariation) : null,
    },
    srm,
    method: { alpha: method.alpha, correction: method.correction, sequential: method.sequential },
    metrics,
    measurement: measurementFrom(design, metrics, srm, smallestArm),
  };
}

function placeholderMetric(variations: string[]) {
  return { key: "units", kind: "proportion" as const, direction: "increase" as const, variants: variations.map((key) => ({ key, units: 0, conversions: 0 })) };
}

function p95ByVariation(variations: string[], rows: readonly ArmHistogramRow[]): Record<string, number | null> {
  return Object.fromEntries(variations.map((v) => [v, histogramQuantile(rows.filter((r) => r.variation === v), 0.95)]));
}

function seriesOf(
  metric: ResultsMetric,
  variations: string[],
  control: string,
  buckets: readonly number[],
  rows: readonly ArmSeriesRow[],
  alpha: number,
  tuning: number,
  nowMs: number,
): SeriesPoint[] {
  const running = new Map<string, Totals>(); // variation\0metricId → cumulative
  const add = (row: ArmSeriesRow) => {
    const key = `${row.variation}\u0000${row.metricId}`;
    const t = running.get(key) ?? { ...ZERO };
    running.set(key, { units: t.units + row.units, sum: t.sum + row.sum, sumSquares: t.sumSquares + row.sumSquares });
  };
  const relevant = rows.filter((r) => r.metricId === metric.id || r.metricId === EXPOSURE_METRIC);
  const points: SeriesPoint[] = [];
  let i = 0;
  for (let b = 0; b < buckets.length; b++) {
    const bucket = buckets[b]!;
    while (i < relevant.length && relevant[i]!.bucketMs <= bucket) add(relevant[i++]!);
    const next = buckets[b + 1];
    const arms = new Map(
      variations.map((v) => {
        const exposedSoFar = Math.round(running.get(`${v}\u0000${EXPOSURE_METRIC}`)?.units ?? 0);
        return [v, { exposed: exposedSoFar, arm: armInput(metric, v, exposedSoFar, running.get(`${v}\u0000${metric.id}`) ?? ZERO) }];
      }),
    );
    const controlArm = arms.get(control)!.arm;
    points.push({
      atMs: next ?? Math.max(nowMs, bucket),
      units: Object.fromEntries(variations.map((v) => [v, arms.get(v)!.exposed])),
      values: Object.fromEntries(variations.map((v) => [v, valueOf(arms.get(v)!.arm)])),
      lift: Object.fromEntries(variations.filter((v) => v !== control).map((v) => [v, liftBand(controlArm, arms.get(v)!.arm, alpha, tuning)])),
    });
  }
  return points;
}

/**
 * "Ship" needs measurement: no sample ratio mismatch, and either every arm reached the planned
 * sample or a success metric shows a significant always-valid result.
 */
export function measurementFrom(design: ResultsDesign, metrics: readonly MetricView[], srm: SrmResult, smallestArm: number): Measurement {
  if (srm.srm) {
    return {
      measured: false,
      reason: `Sample ratio mismatch: the split differs from the planned weights (χ² p = ${srm.pValue.toPrecision(2)} < ${srm.threshold}). Find the cause before trusting any result.`,
    };
  }
  const significant = metrics
    .filter((m) => m.role === "success")
    .flatMap((m) => m.analysis.variants.filter((v) => v.verdict === "better" || v.verdict === "worse").map((v) => `${m.name}: ${v.key} ${v.verdict}`));
  if (significant.length) return { measured: true, reason: `Significant sequential result (${significant.join("; ")}).` };
  if (design.plannedPerVariation && smallestArm >= design.plannedPerVariation) {
    return { measured: true, reason: `Planned sample reached: every variation has at least ${design.plannedPerVariation.toLocaleString("en-US")} units.` };
  }
  const count = (n: number) => n.toLocaleString("en-US");
  const planned = design.plannedPerVariation ? `${count(smallestArm)} of ${count(design.plannedPerVariation)} units in the smallest variation` : "no planned sample size in the design";
  return { measured: false, reason: `Not measured yet: ${planned}, and no success metric shows a significant sequential result.` };
}
