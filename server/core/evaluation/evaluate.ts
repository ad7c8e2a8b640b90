/**
 * The hot path: evaluating one compiled flag for one context. Everything that does not depend on
 * the context was precomputed by compileSnapshot (compile-snapshot.ts): each possible answer of
 * a flag is an `Outcome` (value, variant, reason, frozen metadata), so evaluation only picks one
 * of these shared objects: no allocation, at most one hash per evaluation; the unit id is UTF-8
 * encoded once per unit (PackedUnit) and each flag's "<salt>:" prefix is prehashed, so a flag's
 * hash only mixes a few integers.
 *
 * Order, per flag:
 *   1. flag disabled → offVariation, DISABLED.
 *      (A flag serving one value to everyone — on, no targets, no rules, default rollout 100 %
 *      to one variation — is precomputed as STATIC and answered here too, without hashing.)
 *   2. individual targets: targetingKey in a target list → that variation, TARGETING_MATCH.
 *   3. rules, in order; the first whose conditions hold decides:
 *        serve.variation → that variation, TARGETING_MATCH (ruleId);
 *        serve.rollout   → bucket in a range → that variation, SPLIT (ruleId);
 *                          outside coverage  → offVariation, DEFAULT (ruleId).
 *   4. the default rollout: in a range → SPLIT; outside → offVariation, DEFAULT.
 *
 * Memory layout. Evaluating a random flag for a random user is bound by memory latency, not by
 * arithmetic: the flag's data and the context are rarely in the CPU cache, every object reached
 * through a pointer is a further wait, and every instruction spent meanwhile delays the fetches
 * of the next evaluation. So a compiled flag is a short chain of flat objects: the flag (its hash
 * prefix inline) → its first step → the next step…, where the rules and the default rollout are
 * all steps, each holding its rollout inline (see CompiledStep) and its conditions as a chain of
 * flat objects too (conditions.ts). All flags share one object shape, all steps another, all
 * conditions a third, so every property read here is monomorphic. The unit id string is only read
 * when it is needed (unitIdOf).
 */
import type { MurmurState, PackedUnit } from "./hash";
import { conditionsHold, type CompiledCondition } from "./conditions";
import type { EvaluationContext, EvaluationMetadata, EvaluationReason } from "./result";
import type { JsonValue } from "./snapshot-format";

// Local binding for the hot path (see compile-snapshot.ts).
const holds = conditionsHold;

/**
 * A precomputed, frozen answer: evaluations return these shared objects (no allocation per
 * evaluation); callers that want to change one copy it first.
 */
export type Outcome = {
  readonly key: string;
  readonly value: JsonValue;
  readonly variant: string;
  readonly reason: EvaluationReason;
  readonly metadata: EvaluationMetadata;
};

/**
 * The bucket intervals of a rollout beyond its first one (see CompiledStep): buckets below
 * `ends[i]` (and not below `ends[i - 1]`) get `outcomes[i]`; the last end is 10,000.
 */
export type BucketIntervals = {
  readonly ends: Int32Array;
  readonly outcomes: readonly Outcome[];
};

/**
 * One rule, or the default rollout (the last step, which always matches). The rollout is kept as
 * intervals of buckets that tile 0..9999, each with its outcome (a variation's covered range →
 * SPLIT, the uncovered rest of a range → DEFAULT). Most rollouts have one or two intervals (a
 * partial rollout of one variation; two variations at 100 %), which are held inline: buckets
 * below `split` get `low`, the others `high`, unless `more` lists further intervals.
 */
export type CompiledStep = {
  /** the rule's conditions (see conditions.ts); null for the default rollout, which always matches */
  readonly conditions: CompiledCondition | null;
  /** match all (or any) of the conditions; true for the default rollout */
  readonly all: boolean;
  /** set when the answer does not depend on the bucket (serve.variation, or 0 % / 100 % to one variation): no hashing */
  readonly constant: Outcome | null;
  /** the end (exclusive) of the first bucket interval */
  readonly split: number;
  readonly low: Outcome;
  /** the outcome above `split` when the rollout has exactly two intervals */
  readonly high: Outcome;
  /** the intervals above `split` when there are more than two */
  readonly more: BucketIntervals | null;
  /** the next rule, or the default rollout; null after the default rollout */
  readonly next: CompiledStep | null;
};

/** A compiled flag; it is the murmur3 state after hashing "<salt>:" (h, k, n, length), so hashing needs no further object. */
export type CompiledFlag = MurmurState & {
  readonly key: string;
  /** DISABLED or STATIC: the answer for everyone */
  readonly everyone: Outcome | null;
  /** targetingKey → TARGETING_MATCH outcome; null when the flag has no targets */
  readonly targets: ReadonlyMap<string, Outcome> | null;
  /** the first rule, or the default rollout when there are no rules */
  readonly first: CompiledStep;
};

/**
 * The unit id, from the context's targetingKey. The string is a second object behind the
 * context: it is only looked at when needed (targets, hashing), so that an evaluation whose rules
 * do not match never waits for it to arrive from memory.
 */
function unitIdOf(targetingKey: unknown): string {
  // the type requires a string; plain-JS callers that break it get "" rather than an exception
  return typeof targetingKey === "string" ? targetingKey : "";
}

/** The outcome of a matching step's rollout for this unit. */
function serve(flag: CompiledFlag, step: CompiledStep, targetingKey: unknown, packed: PackedUnit): Outcome {
  if (step.constant !== null) return step.constant;
  const bucket = packed.bucket(flag, unitIdOf(targetingKey));
  if (bucket < step.split) return step.low;
  const more = step.more;
  return more === null ? step.high : locateInterval(more, bucket);
}

function locateInterval(intervals: BucketIntervals, bucket: number): Outcome {
  const ends = intervals.ends;
  let i = 0;
  while (bucket >= ends[i]!) i++;
  return intervals.outcomes[i]!;
}

/** The outcome of one flag for one context; `packed` is the snapshot's reusable unit-id buffer. */
export function evaluateFlag(flag: CompiledFlag, context: EvaluationContext, packed: PackedUnit): Outcome {
  if (flag.everyone !== null) return flag.everyone;
  // the context object (not yet the string) is fetched from memory while the flag's objects are read
  const targetingKey: unknown = context.targetingKey;
  if (flag.targets !== null) {
    const target = flag.targets.get(unitIdOf(targetingKey));
    if (target !== undefined) return target;
  }
  let step = flag.first;
  // the default rollout, which always matches, ends the chain
  while (!holds(step.conditions, step.all, context)) step = step.next!;
  return serve(flag, step, targetingKey, packed);
}
