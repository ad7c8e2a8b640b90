/**
 * Rollout ranges: which buckets (0..9999, see hash.ts) each variation of a rollout covers.
 * Integer math only, so every SDK computes exactly the same ranges:
 *
 *   cov    = round(percentage × 100)                          coverage in basis points, 0..10000
 *   W      = Σ w_i                                            W = 0 → nobody is covered
 *   len_i  = floor(w_i × 10000 / W)
 *   the remainder 10000 − Σ len_i goes to the last variation whose weight is > 0
 *   start_0 = 0, start_i = start_{i−1} + len_{i−1}
 *   variation i covers buckets [start_i, start_i + floor(len_i × cov / 10000))
 *
 * A unit whose bucket lies in no covered range is outside the rollout.
 *
 * Why this shape (sticky ramp-ups): every range starts at a point fixed by the weights alone and
 * only its right edge grows with coverage. Raising exposure 5 % → 10 % → 50 % therefore only adds
 * units: a unit that was in stays in, with the same variation. Changing the *weights* moves the
 * starts and so reshuffles units between variations — which is why Keel refuses weight changes
 * while an experiment runs (enforced in services): units would switch arms mid-experiment and the
 * analysis would mix exposures.
 */
import { BUCKETS } from "./hash";
import type { Rollout } from "./snapshot-format";

/** Weights and their sum must stay below this so `w × 10000` is exact in any language's 64-bit integers and in doubles. */
export const MAX_TOTAL_WEIGHT = 1_000_000_000;

export type RolloutRanges = {
  /** coverage in basis points (0..10000) */
  readonly coverage: number;
  /** the variation of each weights entry, in order */
  readonly variations: readonly string[];
  /** start_i */
  readonly starts: Int32Array;
  /** start_i + len_i: where the range would end at 100 % coverage */
  readonly fullEnds: Int32Array;
  /** start_i + floor(len_i × cov / 10000): where the covered part ends (exclusive) */
  readonly coveredEnds: Int32Array;
  /**
   * When every unit gets the same answer, no hashing is needed: the weights index everyone gets,
   * or -1 when nobody is covered. null when the answer depends on the bucket.
   */
  readonly constant: number | null;
};

/** Coverage in basis points: round(percentage × 100), clamped to 0..10000. */
export function coverageBasisPoints(percentage: number): number {
  const cov = Math.round(percentage * 100);
  return cov < 0 ? 0 : cov > BUCKETS ? BUCKETS : cov;
}

/** Why a rollout cannot be compiled, or null. Field names are relative to the rollout. */
export function validateRollout(rollout: Rollout): { field: string; message: string } | null {
  if (!Number.isFinite(rollout.percentage) || rollout.percentage < 0 || rollout.percentage > 100) {
    return { field: "percentage", message: `Rollout percentage must be between 0 and 100 (got ${rollout.percentage}).` };
  }
  if (rollout.weights.length === 0) return { field: "weights", message: "A rollout needs at least one weighted variation." };
  let total = 0;
  for (let i = 0; i < rollout.weights.length; i++) {
    const w = rollout.weights[i]!.weight;
    if (!Number.isSafeInteger(w) || w < 0 || w > MAX_TOTAL_WEIGHT) {
      return { field: `weights.${i}.weight`, message: `Weights must be whole numbers from 0 to ${MAX_TOTAL_WEIGHT} (got ${w}).` };
    }
    total += w;
  }
  if (total > MAX_TOTAL_WEIGHT) {
    return { field: "weights", message: `Weights must add up to at most ${MAX_TOTAL_WEIGHT} (got ${total}).` };
  }
  return null;
}

/** Precomputes the bucket ranges of a rollout (assumes validateRollout passed). */
export function compileRollout(rollout: Rollout): RolloutRanges {
  const count = rollout.weights.length;
  const coverage = coverageBasisPoints(rollout.percentage);
  const starts = new Int32Array(count);
  const fullEnds = new Int32Array(count);
  const coveredEnds = new Int32Array(count);
  let total = 0;
  let lastWeighted = -1;
  for (let i = 0; i < count; i++) {
    total += rollout.weights[i]!.weight;
    if (rollout.weights[i]!.weight > 0) lastWeighted = i;
  }
  const lengths = new Array<number>(count).fill(0);
  if (total > 0) {
    let assigned = 0;
    for (let i = 0; i < count; i++) {
      lengths[i] = Math.floor((rollout.weights[i]!.weight * BUCKETS) / total);
      assigned += lengths[i]!;
    }
    lengths[lastWeighted] = lengths[lastWeighted]! + (BUCKETS - assigned);
  }
  let start = 0;
  let coveredIndex = -1;
  let coveredRanges = 0;
  for (let i = 0; i < count; i++) {
    const len = lengths[i]!;
    starts[i] = start;
    fullEnds[i] = start + len;
    const covered = Math.floor((len * coverage) / BUCKETS);
    coveredEnds[i] = start + covered;
    if (covered > 0) {
      coveredRanges++;
      coveredIndex = i;
    }
    start += len;
  }
  let constant: number | null = null;
  if (coveredRanges === 0) constant = -1;
  else if (coveredRanges === 1 && coveredEnds[coveredIndex]! - starts[coveredIndex]! === BUCKETS) constant = coveredIndex;
  return Object.freeze({
    coverage,
    variations: Object.freeze(rollout.weights.map((w) => w.variation)),
    starts,
    fullEnds,
    coveredEnds,
    constant,
  });
}

/** The weights index of the range holding `bucket`, or -1 when the bucket is outside coverage. */
export function locateBucket(ranges: RolloutRanges, bucket: number): number {
  const fullEnds = ranges.fullEnds;
  for (let i = 0; i < fullEnds.length; i++) {
    if (bucket < fullEnds[i]!) return bucket < ranges.coveredEnds[i]! ? i : -1;
  }
  return -1;
}
