/**
 * The hot path: evaluating one compiled flag for one context. Everything that does not depend on
 * the context was precomputed by compileSnapshot (compile-snapshot.ts): each possible answer of
 * a flag is an `Outcome` (value, variant, reason, frozen metadata), so evaluation only picks one
 * and wraps it in a fresh result object. No other allocation, at most one hash per evaluation;
 * the unit id is UTF-8 encoded once per unit (PackedUnit) and each flag's "<salt>:" prefix is
 * prehashed, so a flag's hash only mixes a few integers.
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
 */
import { BUCKETS, type MurmurState, type PackedUnit } from "./hash";
import type { ContextPredicate } from "./conditions";
import type { EvaluationContext, EvaluationMetadata, EvaluationReason } from "./result";
import { locateBucket, type RolloutRanges } from "./rollout-ranges";
import type { JsonValue } from "./snapshot-format";

// Local bindings for the hot path (see compile-snapshot.ts).
const bucketCount = BUCKETS;
const locate = locateBucket;

/** One possible answer of a flag; shared by every evaluation that ends there (value and metadata are frozen). */
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

export type CompiledRolloutOutcomes = {
  readonly ranges: RolloutRanges;
  /** the outcome of each weights entry (SPLIT) */
  readonly inRange: readonly Outcome[];
  /** outside coverage: the off variation (DEFAULT) */
  readonly outside: Outcome;
  /** set when the answer does not depend on the bucket (0 % or 100 % to one variation): no hashing */
  readonly constant: Outcome | null;
};

export type CompiledRule = {
  readonly matches: ContextPredicate;
  /** serve.variation */
  readonly fixed: Outcome | null;
  /** serve.rollout */
  readonly rollout: CompiledRolloutOutcomes | null;
};

export type CompiledFlag = {
  readonly key: string;
  /** DISABLED or STATIC: the answer for everyone */
  readonly everyone: Outcome | null;
  /** targetingKey → TARGETING_MATCH outcome; null when the flag has no targets */
  readonly targets: ReadonlyMap<string, Outcome> | null;
  readonly rules: readonly CompiledRule[];
  readonly rollout: CompiledRolloutOutcomes;
  /** murmur3 state after hashing "<salt>:" */
  readonly hashPrefix: MurmurState;
};

function pick(flag: CompiledFlag, rollout: CompiledRolloutOutcomes, unitId: string, packed: PackedUnit): Outcome {
  if (rollout.constant !== null) return rollout.constant;
  const index = locate(rollout.ranges, packed.hash(flag.hashPrefix, unitId) % bucketCount);
  return index < 0 ? rollout.outside : rollout.inRange[index]!;
}

/** The outcome of one flag for one context; `packed` is the snapshot's reusable unit-id buffer. */
export function evaluateFlag(flag: CompiledFlag, context: EvaluationContext, packed: PackedUnit): Outcome {
  if (flag.everyone !== null) return flag.everyone;
  const key: unknown = context.targetingKey;
  // the type requires a string; plain-JS callers that break it get "" rather than an exception
  const unitId = typeof key === "string" ? key : "";
  if (flag.targets !== null) {
    const target = flag.targets.get(unitId);
    if (target !== undefined) return target;
  }
  const rules = flag.rules;
  for (let i = 0; i < rules.length; i++) {
    const rule = rules[i]!;
    if (rule.matches(context)) return rule.fixed !== null ? rule.fixed : pick(flag, rule.rollout!, unitId, packed);
  }
  return pick(flag, flag.rollout, unitId, packed);
}

