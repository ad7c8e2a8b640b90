import { fieldError } from "../errors";
import { P_VALUE_CORRECTIONS, type PValueCorrection } from "./multiple-comparisons";
import { DEFAULT_SEQUENTIAL_TUNING } from "./sequential";

/**
 * The JSON input of analyze() and its checks. Every error is an AppError (BAD_INPUT) naming the
 * field by its path, e.g. "metrics.0.variants.1.units". The schema is in README.md.
 */

export type MetricKindInput = "proportion" | "mean";
export type DirectionInput = "increase" | "decrease";

export type VariantInput = {
  key: string;
  /** units exposed to the arm, a whole number ≥ 0 */
  units: number;
  /** proportion metrics: units that converted, a whole number in [0, units] */
  conversions?: number;
  /** mean metrics: Σy over the arm's units */
  sum?: number;
  /** mean metrics: Σy² over the arm's units */
  sumSquares?: number;
};

export type MetricInput = {
  key: string;
  kind: MetricKindInput;
  direction: DirectionInput;
  /** the first variant is the control */
  variants: VariantInput[];
};

export type AnalyzeInput = {
  /** two-sided significance level, in (0, 0.5]; default 0.05 */
  alpha?: number;
  sequential?: { enabled?: boolean; tuningParameter?: number };
  /** planned split, one positive number per arm (any scale); default equal */
  plannedWeights?: number[];
  /** default "holm" */
  correction?: PValueCorrection;
  metrics: MetricInput[];
};

export type ParsedArm = { key: string; units: number; conversions: number; sum: number; sumSquares: number };
/** arms[0] is control; arms has at least 2 entries */
export type ParsedMetric = { key: string; kind: MetricKindInput; direction: DirectionInput; control: ParsedArm; arms: ParsedArm[] };
export type ParsedInput = {
  alpha: number;
  sequential: { enabled: boolean; tuningParameter: number };
  plannedWeights: number[] | null;
  correction: PValueCorrection;
  metrics: ParsedMetric[];
  /** units per arm of metrics.0, for the sample-ratio-mismatch check */
  srmUnits: number[];
};

export const DEFAULT_ALPHA = 0.05;
export const DEFAULT_CORRECTION: PValueCorrection = "holm";
const MAX_ALPHA = 0.5;
/** Σy² may fall below (Σy)²/n by this relative amount (rounding in the caller's sums) before it is rejected. */
const SUM_SQUARES_TOLERANCE = 1e-9;

const finite = (x: unknown): x is number => typeof x === "number" && Number.isFinite(x);
const whole = (x: unknown): x is number => typeof x === "number" && Number.isSafeInteger(x) && x >= 0;
const isObject = (x: unknown): x is Record<string, unknown> => typeof x === "object" && x !== null && !Array.isArray(x);
const nonEmptyKey = (x: unknown): x is string => typeof x === "string" && x.trim() !== "";

function parseSequential(raw: unknown): ParsedInput["sequential"] {
  if (raw === undefined) return { enabled: false, tuningParameter: DEFAULT_SEQUENTIAL_TUNING };
  if (!isObject(raw)) throw fieldError("sequential", "sequential must be an object such as { enabled: true, tuningParameter: 5000 }.");
  const { enabled = false, tuningParameter = DEFAULT_SEQUENTIAL_TUNING } = raw;
  if (typeof enabled !== "boolean") throw fieldError("sequential.enabled", "sequential.enabled must be true or false.");
  if (!(finite(tuningParameter) && tuningParameter > 0)) {
    throw fieldError(
      "sequential.tuningParameter",
      "sequential.tuningParameter must be a number more than 0: the total units (all arms) at which you expect to decide (default 5000).",
    );
  }
  return { enabled, tuningParameter };
}

function parseArm(raw: unknown, kind: MetricKindInput, path: string): ParsedArm {
  if (!isObject(raw)) throw fieldError(path, `${path} must be an object with key, units and the metric's totals.`);
  if (!nonEmptyKey(raw.key)) throw fieldError(`${path}.key`, `${path}.key must be a non-empty string naming the variant.`);
  const { units } = raw;
  if (!whole(units)) throw fieldError(`${path}.units`, `${path}.units must be a whole number ≥ 0 (the units exposed to this variant).`);
  if (kind === "proportion") {
    if (raw.sum !== undefined || raw.sumSquares !== undefined) {
      throw fieldError(`${path}.sum`, `${path}.sum and sumSquares belong to mean metrics; a proportion metric gives conversions.`);
    }
    const { conversions } = raw;
    if (!(whole(conversions) && conversions <= units)) {
      throw fieldError(`${path}.conversions`, `${path}.conversions must be a whole number from 0 to units (${units}).`);
    }
    return { key: raw.key, units, conversions, sum: conversions, sumSquares: conversions };
  }
  if (raw.conversions !== undefined) {
    throw fieldError(`${path}.conversions`, `${path}.conversions belongs to proportion metrics; a mean metric gives sum and sumSquares.`);
  }
  const { sum, sumSquares } = raw;
  if (!finite(sum)) throw fieldError(`${path}.sum`, `${path}.sum must be a finite number: the total of the metric over the variant's units.`);
  if (!(finite(sumSquares) && sumSquares >= 0)) {
    throw fieldError(`${path}.sumSquares`, `${path}.sumSquares must be a finite number ≥ 0: the total of the squared metric values.`);
  }
  if (units === 0 && (sum !== 0 || sumSquares !== 0)) {
    throw fieldError(`${path}.sum`, `${path}.sum and sumSquares must be 0 when units is 0.`);
  }
  if (units > 0 && sumSquares - (sum * sum) / units < -SUM_SQUARES_TOLERANCE * sumSquares) {
    throw fieldError(`${path}.sumSquares`, `${path}.sumSquares must be at least sum²/units (${(sum * sum) / units}); check the totals.`);
  }
  return { key: raw.key, units, conversions: 0, sum, sumSquares };
}

function parseMetric(raw: unknown, index: number): ParsedMetric {
  const path = `metrics.${index}`;
  if (!isObject(raw)) throw fieldError(path, `${path} must be an object with key, kind, direction and variants.`);
  if (!nonEmptyKey(raw.key)) throw fieldError(`${path}.key`, `${path}.key must be a non-empty string naming the metric.`);
  const { kind, direction, variants } = raw;
  if (kind !== "proportion" && kind !== "mean") throw fieldError(`${path}.kind`, `${path}.kind must be "proportion" or "mean".`);
  if (direction !== "increase" && direction !== "decrease") {
    throw fieldError(`${path}.direction`, `${path}.direction must be "increase" (higher is better) or "decrease" (lower is better).`);
  }
  if (!Array.isArray(variants) || variants.length < 2) {
    throw fieldError(`${path}.variants`, `${path}.variants must list at least 2 variants, the control first.`);
  }
  const arms = variants.map((v, i) => parseArm(v, kind, `${path}.variants.${i}`));
  const [control] = arms;
  if (control === undefined) throw fieldError(`${path}.variants`, `${path}.variants must list at least 2 variants, the control first.`);
  arms.forEach((arm, i) => {
    if (arms.findIndex((a) => a.key === arm.key) !== i) {
      throw fieldError(`${path}.variants.${i}.key`, `${path}.variants.${i}.key “${arm.key}” is used twice; variant keys must be unique.`);
    }
  });
  return { key: raw.key, kind, direction, control, arms };
}

/** Checks the JSON input of analyze() and fills in the defaults. Throws AppError (BAD_INPUT). */
export function parseAnalyzeInput(input: unknown): ParsedInput {
  if (!isObject(input)) throw fieldError("metrics", "The input must be an object with a metrics list.");
  const { alpha = DEFAULT_ALPHA, correction = DEFAULT_CORRECTION, plannedWeights, metrics } = input;
  if (!(finite(alpha) && alpha > 0 && alpha <= MAX_ALPHA)) {
    throw fieldError("alpha", `alpha must be more than 0 and at most ${MAX_ALPHA} (a two-sided significance level such as 0.05).`);
  }
  if (typeof correction !== "string" || !(P_VALUE_CORRECTIONS as readonly string[]).includes(correction)) {
    throw fieldError("correction", `correction must be one of: ${P_VALUE_CORRECTIONS.map((c) => `"${c}"`).join(", ")}.`);
  }
  const sequential = parseSequential(input.sequential);
  if (!Array.isArray(metrics) || metrics.length === 0) throw fieldError("metrics", "metrics must list at least one metric.");
  const parsed = metrics.map(parseMetric);
  const firstArms = parsed[0]?.arms ?? [];
  const keys = firstArms.map((a) => a.key);
  parsed.forEach((metric, i) => {
    if (parsed.findIndex((m) => m.key === metric.key) !== i) {
      throw fieldError(`metrics.${i}.key`, `metrics.${i}.key “${metric.key}” is used twice; metric keys must be unique.`);
    }
    if (JSON.stringify(metric.arms.map((a) => a.key)) !== JSON.stringify(keys)) {
      throw fieldError(`metrics.${i}.variants`, `metrics.${i}.variants must list the same variant keys in the same order as metrics.0 (${keys.join(", ")}).`);
    }
  });
  let weights: number[] | null = null;
  if (plannedWeights !== undefined) {
    const arms = keys.length;
    if (!(Array.isArray(plannedWeights) && plannedWeights.length === arms && plannedWeights.every((w) => finite(w) && w > 0))) {
      throw fieldError("plannedWeights", `plannedWeights must give each of the ${arms} variants a number more than 0 (any scale, e.g. 50, 50).`);
    }
    weights = plannedWeights as number[];
  }
  return {
    alpha,
    sequential,
    plannedWeights: weights,
    correction: correction as PValueCorrection,
    metrics: parsed,
    srmUnits: firstArms.map((a) => a.units),
  };
}
